package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Tombstones of deleted images, one small document per image in {@link #INDEX}, written in the bulk
 * request that deletes the image's documents. A model migration re-embeds from a list it read
 * earlier; the tombstone tells it that an image on that list was deleted since, so neither the
 * switch nor a rollback brings a deleted image back. A re-upload of the same bytes removes it. It
 * expires once no re-embed request can need it ({@link
 * dev.imagesearch.index.migration.TombstoneExpiry}); the embed-workers purge it.
 */
public final class ImageDeletions {
  public static final String INDEX = "image-deletions";
  public static final String DELETED_AT = "deletedAt";

  private static final String MAPPING =
      """
      {"mappings": {"dynamic": "strict", "properties": {"%s": {"type": "date"}}}}
      """
          .formatted(DELETED_AT);

  /** The document. */
  public record Tombstone(Instant deletedAt) {}

  private final ElasticsearchAsyncClient client;
  private final Duration timeout;

  public ImageDeletions(ElasticsearchAsyncClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** Creates {@link #INDEX} (one shard: a tombstone is a few bytes) unless it exists. */
  public void ensureExists(int replicas)
      throws InterruptedException, ExecutionException, TimeoutException {
    SmallIndex.ensureExists(client, INDEX, MAPPING, replicas, timeout);
  }

  /** Records the deletion, for the bulk request that deletes the image's documents. */
  public static BulkOperation tombstone(String id, Instant deletedAt) {
    return BulkOperation.of(
        o -> o.index(i -> i.index(INDEX).id(id).document(new Tombstone(deletedAt))));
  }

  /** Removes the tombstone, for the bulk request that indexes a re-upload of the image. */
  public static BulkOperation forget(String id) {
    return BulkOperation.of(o -> o.delete(d -> d.index(INDEX).id(id)));
  }

  /**
   * Which of these images are deleted. Realtime: a tombstone written a moment ago counts, which is
   * what closes the race of a re-embed with a concurrent deletion.
   */
  public Set<String> deleted(Collection<String> ids)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (ids.isEmpty()) {
      return Set.of();
    }
    CompletableFuture<Set<String>> found =
        client
            .mget(m -> m.index(INDEX).ids(List.copyOf(ids)).source(s -> s.fetch(false)), Void.class)
            .thenApply(
                r -> {
                  for (var doc : r.docs()) {
                    if (doc.isFailure()
                        && !"index_not_found_exception".equals(doc.failure().error().type())) {
                      throw new IllegalStateException(
                          "Elasticsearch could not read the tombstone of "
                              + doc.failure().id()
                              + ": "
                              + doc.failure().error().reason());
                    }
                  }
                  return r.docs().stream()
                      .filter(d -> d.isResult() && d.result().found())
                      .map(d -> d.result().id())
                      .collect(Collectors.toUnmodifiableSet());
                })
            .exceptionallyCompose(
                e ->
                    IndexErrors.indexMissing(e)
                        ? CompletableFuture.completedFuture(Set.of())
                        : CompletableFuture.failedFuture(e));
    return await(found);
  }

  /**
   * Deletes the tombstones of deletions before {@code before}, at most {@code atMost} of them (one
   * search and one bulk request); returns how many it deleted. When they expire is the caller's
   * rule. Each delete is conditional on the version the search found, so a tombstone written again
   * meanwhile (the image was deleted again) stays. (No delete-by-query: the local stack's
   * Elasticsearch has no reindex module.)
   */
  public long purge(Instant before, int atMost)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<Long> deleted =
        client
            .search(
                s ->
                    s.index(INDEX)
                        .size(atMost)
                        .source(f -> f.fetch(false))
                        .seqNoPrimaryTerm(true)
                        .query(
                            q ->
                                q.range(
                                    r -> r.date(t -> t.field(DELETED_AT).lt(before.toString())))),
                Void.class)
            .thenCompose(r -> deleteFound(r.hits().hits()))
            .exceptionallyCompose(
                e ->
                    IndexErrors.indexMissing(e)
                        ? CompletableFuture.completedFuture(0L)
                        : CompletableFuture.failedFuture(e));
    return await(deleted);
  }

  private CompletableFuture<Long> deleteFound(List<Hit<Void>> found) {
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    List<BulkOperation> deletes =
        found.stream()
            .map(
                hit ->
                    BulkOperation.of(
                        o ->
                            o.delete(
                                d ->
                                    d.index(INDEX)
                                        .id(hit.id())
                                        .ifSeqNo(hit.seqNo())
                                        .ifPrimaryTerm(hit.primaryTerm()))))
            .toList();
    return client
        .bulk(b -> b.operations(deletes))
        .thenApply(
            r -> {
              for (BulkResponseItem item : r.items()) {
                // 409: written again since the search; 404: a re-upload removed it meanwhile.
                if (item.error() != null && item.status() != 409 && item.status() != 404) {
                  throw new IllegalStateException(
                      "Elasticsearch could not delete the tombstone of "
                          + item.id()
                          + ": "
                          + item.error().reason());
                }
              }
              return r.items().stream().filter(i -> i.status() == 200).count();
            });
  }

  private <T> T await(CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
