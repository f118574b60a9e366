package dev.imagesearch.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

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
  /** S3's largest page: fewest LIST calls for a scan. */
  private static final int LIST_PAGE = 1000;

  private final S3AsyncClient s3;
  private final String bucket;
  private final UnpublishedOriginals unpublished;
  private final BucketObjects objects;

  public ImageStore(S3AsyncClient s3, String bucket) {
    this(s3, bucket, LIST_PAGE);
  }

  ImageStore(S3AsyncClient s3, String bucket, int listPageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.unpublished = new UnpublishedOriginals(s3, bucket, listPageSize);
    this.objects = new BucketObjects(s3, bucket);
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
   * Stores the original, replacing any earlier one. The id must be the SHA-256 of the bytes: S3
   * checks the upload against it. S3 metadata must be ASCII, so values are percent-encoded UTF-8;
   * {@link #decodeMetadata} reverses it.
   */
  public Mono<Void> putOriginal(
      String id, byte[] bytes, String contentType, Map<String, String> metadata) {
    return putOriginal(id, bytes, contentType, metadata, false).then();
  }

  /**
   * Stores the original only if none is there yet, in one conditional write: true when this call
   * stored it, false when it was already there (or another writer is storing it right now).
   */
  public Mono<Boolean> putOriginalIfAbsent(
      String id, byte[] bytes, String contentType, Map<String, String> metadata) {
    return putOriginal(id, bytes, contentType, metadata, true)
        .thenReturn(true)
        .onErrorResume(S3Errors::isAlreadyThere, e -> Mono.just(false));
  }

  private Mono<PutObjectResponse> putOriginal(
      String id, byte[] bytes, String contentType, Map<String, String> metadata, boolean ifAbsent) {
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
                        .metadata(encoded)
                        .ifNoneMatch(ifAbsent ? "*" : null)
                        // S3 checks the bytes against their id; the SDK computes no checksum.
                        .checksumSHA256(
                            Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id))),
                // The caller hands the bytes over: no defensive copy.
                AsyncRequestBody.fromBytesUnsafe(bytes)));
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
    return S3Errors.isNotFound(e);
  }

  public static Map<String, String> decodeMetadata(Map<String, String> metadata) {
    Map<String, String> decoded = new LinkedHashMap<>();
    metadata.forEach(
        (k, v) -> decoded.put(k, java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)));
    return decoded;
  }

  public Mono<Boolean> originalExists(String id) {
    return objects.exists(originalKey(id));
  }

  /** The original's content type, size, age and upload metadata; empty when there is none. */
  public Mono<StoredOriginal> describeOriginal(String id) {
    return Mono.fromFuture(() -> s3.headObject(b -> b.bucket(bucket).key(originalKey(id))))
        .map(
            head ->
                new StoredOriginal(
                    head.contentType(),
                    head.contentLength(),
                    head.lastModified(),
                    decodeMetadata(head.metadata())))
        .onErrorResume(S3Errors::isNotFound, e -> Mono.empty());
  }

  /**
   * Ids of originals written before {@code storedBefore} that were never marked published: uploads
   * whose event may never have reached Kafka. Lists the bucket a page at a time, in id order.
   */
  public Flux<String> unpublishedOriginals(Instant storedBefore) {
    return unpublished.find(storedBefore);
  }

  public Mono<Boolean> isPublished(String id) {
    return objects.exists(publishedKey(id));
  }

  public Mono<Void> markPublished(String id) {
    return Mono.fromFuture(
            () ->
                s3.putObject(b -> b.bucket(bucket).key(publishedKey(id)), AsyncRequestBody.empty()))
        .then();
  }

  /**
   * Removes everything stored for the image; missing objects are not an error. The marker goes
   * last: a deletion that stops halfway must not leave an original without its marker, which the
   * ingest-service's reconciler would announce again.
   */
  public Mono<Void> deleteAll(String id) {
    return objects.delete(originalKey(id), thumbnailKey(id)).then(objects.delete(publishedKey(id)));
  }
}
