package dev.imagesearch.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket's layout and the only code that touches it. Keys are derived from the image id, never
 * taken from a client.
 *
 * <ul>
 *   <li>{@code originals/{id}}: the uploaded bytes, with the upload's metadata
 *   <li>{@code thumbnails/{id}.jpg}: made by the embed-worker
 *   <li>{@code published/{id}}: written once the upload event is on Kafka, so a retried upload
 *       whose event was lost publishes again instead of passing for a duplicate
 * </ul>
 */
public final class ImageStore {
  private final S3AsyncClient s3;
  private final String bucket;

  public ImageStore(S3AsyncClient s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }

  public static String originalKey(String id) {
    return "originals/" + id;
  }

  public static String thumbnailKey(String id) {
    return "thumbnails/" + id + ".jpg";
  }

  static String publishedKey(String id) {
    return "published/" + id;
  }

  /**
   * Stores the original. S3 metadata must be ASCII, so values are percent-encoded UTF-8; {@link
   * #decodeMetadata} reverses it.
   */
  public Mono<Void> putOriginal(
      String id, byte[] bytes, String contentType, Map<String, String> metadata) {
    Map<String, String> encoded = new LinkedHashMap<>();
    metadata.forEach(
        (k, v) -> encoded.put(k, URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
    return Mono.fromFuture(
            () ->
                s3.putObject(
                    b ->
                        b.bucket(bucket)
                            .key(originalKey(id))
                            .contentType(contentType)
                            .metadata(encoded),
                    AsyncRequestBody.fromBytes(bytes)))
        .then();
  }

  public Mono<byte[]> getOriginal(String id) {
    return Mono.fromFuture(
            () ->
                s3.getObject(
                    b -> b.bucket(bucket).key(originalKey(id)), AsyncResponseTransformer.toBytes()))
        .map(response -> response.asByteArray());
  }

  /** Stores the JPEG thumbnail the embed-worker made; a re-delivered image overwrites it. */
  public Mono<Void> putThumbnail(String id, byte[] jpeg) {
    return Mono.fromFuture(
            () ->
                s3.putObject(
                    b -> b.bucket(bucket).key(thumbnailKey(id)).contentType("image/jpeg"),
                    AsyncRequestBody.fromBytes(jpeg)))
        .then();
  }

  /** True when S3 answered that the object does not exist (not when S3 is unreachable). */
  public static boolean isMissingObject(Throwable e) {
    return isNotFound(e);
  }

  public static Map<String, String> decodeMetadata(Map<String, String> metadata) {
    Map<String, String> decoded = new LinkedHashMap<>();
    metadata.forEach(
        (k, v) -> decoded.put(k, java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)));
    return decoded;
  }

  public Mono<Boolean> originalExists(String id) {
    return exists(originalKey(id));
  }

  public Mono<Boolean> isPublished(String id) {
    return exists(publishedKey(id));
  }

  public Mono<Void> markPublished(String id) {
    return Mono.fromFuture(
            () ->
                s3.putObject(b -> b.bucket(bucket).key(publishedKey(id)), AsyncRequestBody.empty()))
        .then();
  }

  /** Removes everything stored for the image; missing objects are not an error. */
  public Mono<Void> deleteAll(String id) {
    List<ObjectIdentifier> keys =
        List.of(publishedKey(id), originalKey(id), thumbnailKey(id)).stream()
            .map(key -> ObjectIdentifier.builder().key(key).build())
            .toList();
    return Mono.fromFuture(
            () -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true))))
        .then();
  }

  private Mono<Boolean> exists(String key) {
    return Mono.fromFuture(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
        .map(response -> true)
        .onErrorResume(ImageStore::isNotFound, e -> Mono.just(false));
  }

  private static boolean isNotFound(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
    return cause instanceof NoSuchKeyException
        || (cause instanceof S3Exception s3
            && s3.statusCode() == 404
            && !(cause instanceof NoSuchBucketException));
  }
}
