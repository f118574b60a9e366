package dev.imagesearch.storage;

import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** Whether objects of the bucket exist, and deleting them, whatever the key means. */
final class BucketObjects {
  private final S3AsyncClient s3;
  private final String bucket;

  BucketObjects(S3AsyncClient s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  Mono<Boolean> exists(String key) {
    return Mono.fromFuture(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
        .map(response -> true)
        .onErrorResume(S3Errors::isNotFound, e -> Mono.just(false));
  }

  /** Deletes the objects; missing ones are not an error. */
  Mono<Void> delete(String... keys) {
    List<ObjectIdentifier> objects =
        Arrays.stream(keys).map(key -> ObjectIdentifier.builder().key(key).build()).toList();
    return Mono.fromFuture(
            () ->
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(objects).quiet(true))))
        .flatMap(
            // A quiet multi-delete reports the keys it could not delete in its body, not as an
            // error: without this check a failed deletion would pass for a done one.
            response ->
                response.errors().isEmpty()
                    ? Mono.empty()
                    : Mono.error(
                        SdkClientException.create(
                            "S3 did not delete " + response.errors().getFirst())));
  }
}
