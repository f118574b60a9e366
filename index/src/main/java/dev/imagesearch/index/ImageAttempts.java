package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How often the embed-worker began processing an image without finishing it, one small document per
 * image in {@link #INDEX} (decision 0005). A worker that finishes an image deletes its record, so a
 * record that is found means an earlier worker died or stalled with that image in flight. Kept in
 * Elasticsearch because it must outlive the worker, and a Kafka header cannot change on redelivery.
 */
public final class ImageAttempts {
  public static final String INDEX = "image-attempts";

  /** The fields of {@link Attempt}. */
  public static final String ATTEMPTS = "attempts";

  public static final String UPDATED_AT = "updatedAt";

  private static final String MAPPING =
      """
      {"mappings": {"dynamic": "strict", "properties": {
        "%s": {"type": "integer"}, "%s": {"type": "date"}}}}
      """
          .formatted(ATTEMPTS, UPDATED_AT);

  /** The document: unfinished attempts so far, and when the last began. */
  public record Attempt(int attempts, Instant updatedAt) {}

  private final ElasticsearchAsyncClient client;
  private final Duration timeout;

  public ImageAttempts(ElasticsearchAsyncClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** Creates {@link #INDEX} (one shard: it holds only images in flight) unless it exists. */
  public void ensureExists(int replicas)
      throws InterruptedException, ExecutionException, TimeoutException {
    SmallIndex.ensureExists(client, INDEX, MAPPING, replicas, timeout);
  }

  /**
   * One request for a whole batch: records a first attempt for each image without a record, and
   * returns the images that already had one (begun before and never finished).
   */
  public Set<String> begin(Collection<String> ids)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (ids.isEmpty()) {
      return Set.of();
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    Attempt first = new Attempt(1, Instant.now());
    for (String id : ids) {
      bulk.operations(o -> o.create(c -> c.index(INDEX).id(id).document(first)));
    }
    Set<String> unfinished = new HashSet<>();
    for (BulkResponseItem item : await(client.bulk(bulk.build())).items()) {
      if (item.status() == 409) {
        unfinished.add(item.id());
      } else if (item.error() != null) {
        throw new ExecutionException(
            new IllegalStateException(
                "Elasticsearch could not record an attempt of "
                    + item.id()
                    + " ("
                    + item.status()
                    + " "
                    + item.error().type()
                    + ")"));
      }
    }
    return unfinished;
  }

  /**
   * Counts one more attempt of this image and returns the count, this attempt included. A read and
   * a conditional write (the Elasticsearch of the local stack has no scripting); a conflict means
   * another worker counted at the same moment, and the count is read again.
   */
  public int bump(String id) throws InterruptedException, ExecutionException, TimeoutException {
    for (int tries = 0; tries < 5; tries++) {
      var found = await(client.get(g -> g.index(INDEX).id(id), Attempt.class));
      int count = found.found() ? found.source().attempts() + 1 : 1;
      Attempt next = new Attempt(count, Instant.now());
      try {
        if (found.found()) {
          await(
              client.index(
                  i ->
                      i.index(INDEX)
                          .id(id)
                          .document(next)
                          .ifSeqNo(found.seqNo())
                          .ifPrimaryTerm(found.primaryTerm())));
        } else {
          await(client.create(c -> c.index(INDEX).id(id).document(next)));
        }
        return count;
      } catch (ExecutionException e) {
        if (!IndexErrors.conflict(e)) {
          throw e;
        }
      }
    }
    throw new ExecutionException(
        new IllegalStateException("the attempts of " + id + " kept changing under this worker"));
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    // Bounded: a request lost in a network partition must fail the batch (it is retried), not
    // hold the partition.
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
