package dev.imagesearch.embedworker.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageAttempts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageWrites;
import dev.imagesearch.index.IndexErrors;
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
 * Writes one Kafka batch with one bulk request of {@link ImageWrites} operations: a re-delivered
 * event overwrites its document instead of adding one.
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

  /** Creates or replaces the document ({@link ImageWrites#put}). */
  public record Put(ImageDocument document) implements Operation {
    @Override
    public String id() {
      return document.id();
    }
  }

  /** Writes the document only when none exists ({@link ImageWrites#putIfAbsent}). */
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
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (Operation operation : operations) {
      bulk.operations(
          switch (operation) {
            case Put put -> ImageWrites.put(put.document());
            case PutIfAbsent put -> ImageWrites.putIfAbsent(put.document());
            case Delete delete -> ImageWrites.delete(delete.id());
            case ClearAttempts clear -> ImageWrites.clearAttempts(clear.id());
          });
    }
    // Bounded: a request lost in a network partition must fail the batch (and so be retried), not
    // hold the partition forever.
    BulkResponse response =
        client.bulk(bulk.build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<Rejected> rejected = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null || ImageWrites.harmless(item)) {
        continue;
      }
      if (IndexErrors.retryLater(item.status())) {
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
}
