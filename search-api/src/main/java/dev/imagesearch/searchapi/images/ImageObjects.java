package dev.imagesearch.searchapi.images;

import dev.imagesearch.storage.ImageStore;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams originals and thumbnails from S3 without holding them in memory. Keys come from {@link
 * ImageStore}, derived from a validated id, never from the client.
 */
@Component
class ImageObjects {
  /**
   * @param notModified the client's {@code If-None-Match} matched: no body
   * @param body the bytes as they arrive, null when {@code notModified}; subscribe once
   */
  record Streamed(
      String contentType,
      Long contentLength,
      String eTag,
      boolean notModified,
      Publisher<ByteBuffer> body) {}

  private final S3AsyncClient s3;
  private final ImageStore store;

  ImageObjects(S3AsyncClient s3, ImageStore store) {
    this.s3 = s3;
    this.store = store;
  }

  /** Empty when there is no such object. */
  Mono<Streamed> original(String id, String ifNoneMatch) {
    return stream(ImageStore.originalKey(id), ifNoneMatch);
  }

  Mono<Streamed> thumbnail(String id, String ifNoneMatch) {
    return stream(ImageStore.thumbnailKey(id), ifNoneMatch);
  }

  private Mono<Streamed> stream(String key, String ifNoneMatch) {
    return Mono.fromFuture(
            () ->
                s3.getObject(
                    b -> {
                      b.bucket(store.bucket()).key(key);
                      if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
                        // S3 compares ETags itself and answers 304 without a body.
                        b.ifNoneMatch(ifNoneMatch);
                      }
                    },
                    AsyncResponseTransformer.toPublisher()))
        .map(
            r ->
                new Streamed(
                    r.response().contentType(),
                    r.response().contentLength(),
                    r.response().eTag(),
                    false,
                    r))
        .onErrorResume(
            e -> status(e) == 304,
            e -> Mono.just(new Streamed(null, null, ifNoneMatch, true, null)))
        .onErrorResume(ImageObjects::missing, e -> Mono.empty())
        .onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause());
  }

  private static boolean missing(Throwable e) {
    Throwable cause = unwrap(e);
    return cause instanceof NoSuchKeyException
        || (status(e) == 404 && !(cause instanceof NoSuchBucketException));
  }

  private static int status(Throwable e) {
    return unwrap(e) instanceof S3Exception s3 ? s3.statusCode() : -1;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
