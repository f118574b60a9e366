package dev.imagesearch.storage;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Originals without a "published" marker, found by walking both prefixes in key order, one page at
 * a time: two LIST calls per page of originals instead of a HEAD per image, and memory bounded by a
 * page whatever the bucket holds. S3 lists keys in UTF-8 byte order, the order of the hex ids.
 */
final class UnpublishedOriginals {
  private static final String ORIGINALS = ImageStore.originalKey("");
  private static final String PUBLISHED = ImageStore.publishedKey("");

  private final S3AsyncClient s3;
  private final String bucket;
  private final int pageSize;

  UnpublishedOriginals(S3AsyncClient s3, String bucket, int pageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.pageSize = pageSize;
  }

  /** Ids of originals last written before {@code storedBefore} that have no marker, in id order. */
  Flux<String> find(Instant storedBefore) {
    return list(ORIGINALS, null)
        .buffer(pageSize)
        .concatMap(
            page ->
                publishedBetween(page.getFirst(), page.getLast())
                    .flatMapIterable(
                        published ->
                            page.stream()
                                .filter(original -> original.lastModified().isBefore(storedBefore))
                                .map(original -> id(original, ORIGINALS))
                                .filter(id -> !published.contains(id))
                                .toList()));
  }

  /** Ids with a marker from {@code first}'s id to {@code last}'s, both included. */
  private Mono<Set<String>> publishedBetween(S3Object first, S3Object last) {
    String from = ImageStore.publishedKey(id(first, ORIGINALS));
    String to = ImageStore.publishedKey(id(last, ORIGINALS));
    // S3 lists keys after a given key, not from one: the first key without its last character
    // sorts just before it (and after every smaller id that does not share the rest of it).
    return list(PUBLISHED, from.substring(0, from.length() - 1))
        .takeWhile(marker -> marker.key().compareTo(to) <= 0)
        .map(marker -> id(marker, PUBLISHED))
        .collect(Collectors.toSet());
  }

  /** Cancelling the Flux stops the listing: no page is fetched that nobody reads. */
  private Flux<S3Object> list(String prefix, String startAfter) {
    return Flux.from(
        s3.listObjectsV2Paginator(
                b -> b.bucket(bucket).prefix(prefix).startAfter(startAfter).maxKeys(pageSize))
            .contents());
  }

  private static String id(S3Object object, String prefix) {
    return object.key().substring(prefix.length());
  }
}
