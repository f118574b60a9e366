package dev.imagesearch.embedworker.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageAttempts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Writes one Kafka batch with one bulk request through the alias. Document id = image id, so a
 * re-delivered event overwrites its document instead of adding one.
 */
@Component
public class IndexWriter {
  private final ElasticsearchAsyncClient client;
  private final Duration timeout;

  /**
   * Creates the index for the loaded models if absent, then refuses to start (an {@code
   * IndexMismatchException} with the explanation) when it holds other models' vectors. The listener
   * needs this bean, so no event is consumed before the check.
   */
  IndexWriter(
      ElasticsearchAsyncClient client,
      SearchIndex index,
      ModelVersions models,
      WorkerProperties properties) {
    index.ensureExists(models);
    index.verify(models);
    this.client = client;
    this.timeout = properties.requestTimeout();
  }

  /** What to do with one image. */
  public sealed interface Operation {
    String id();
  }

  /** Creates or replaces the document. */
  public record Put(ImageDocument document) implements Operation {
    @Override
    public String id() {
      return document.id();
    }
  }

  /**
   * Writes the document only when none exists: a malformed event must not overwrite an image that
   * was indexed from a good one.
   */
  public record PutIfAbsent(ImageDocument document) implements Operation {
    @Override
    public String id() {
      return document.id();
    }
  }

  /** Removes the document; a missing one is fine (deletions are idempotent). */
  public record Delete(String id) implements Operation {}

  /**
   * Removes the image's record of unfinished attempts ({@link ImageAttempts}): its result is
   * written in the same request.
   */
  public record ClearAttempts(String id) implements Operation {}

  /** An operation Elasticsearch refused for its content; retrying would not help. */
  public record Rejected(Operation operation, String reason) {}

  /**
   * Returns the operations Elasticsearch rejected for their content. Throws (and so the batch is
   * retried later) when Elasticsearch is unreachable, overloaded (429) or fails (5xx).
   */
  public List<Rejected> write(List<Operation> operations)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (operations.isEmpty()) {
      return List.of();
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(ImageIndex.ALIAS);
    for (Operation operation : operations) {
      switch (operation) {
        case Put put -> bulk.operations(o -> o.index(i -> i.id(put.id()).document(put.document())));
        case PutIfAbsent put ->
            bulk.operations(o -> o.create(c -> c.id(put.id()).document(put.document())));
        case Delete delete -> bulk.operations(o -> o.delete(d -> d.id(delete.id())));
        case ClearAttempts clear ->
            bulk.operations(o -> o.delete(d -> d.index(ImageAttempts.INDEX).id(clear.id())));
      }
    }
    // Bounded: a request lost in a network partition must fail the batch (and so be retried), not
    // hold the partition forever.
    BulkResponse response =
        client.bulk(bulk.build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<Rejected> rejected = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null || acceptable(item)) {
        continue;
      }
      if (item.status() == 429 || item.status() >= 500) {
        throw new ExecutionException(
            new IllegalStateException(
                "Elasticsearch could not write "
                    + item.id()
                    + " now ("
                    + item.status()
                    + " "
                    + item.error().type()
                    + ")"));
      }
      rejected.add(
          new Rejected(operations.get(i), item.error().type() + ": " + item.error().reason()));
    }
    return rejected;
  }

  private static boolean acceptable(BulkResponseItem item) {
    return (item.operationType() == OperationType.Delete && item.status() == 404)
        || (item.operationType() == OperationType.Create && item.status() == 409);
  }
}
