package dev.imagesearch.embedworker.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageAttempts;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageWrites;
import dev.imagesearch.index.IndexErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Writes one Kafka batch with one bulk request of {@link ImageWrites} operations into this worker's
 * {@link IndexTarget}: a re-delivered event overwrites its document instead of adding one. A
 * deletion reaches every index version and leaves a tombstone ({@link ImageDeletions}), so neither
 * a model migration's switch nor a rollback brings the image back.
 */
@Component
public class IndexWriter {
  private final ElasticsearchAsyncClient client;
  private final IndexTarget target;
  private final Duration timeout;

  IndexWriter(ElasticsearchAsyncClient client, IndexTarget target, WorkerProperties properties) {
    this.client = client;
    this.target = target;
    this.timeout = properties.requestTimeout();
  }

  /** The tombstones of deleted images. */
  public ImageDeletions deletions() {
    return target.deletions();
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

  /**
   * Removes the image from every index version and leaves its tombstone; a missing document is fine
   * (deletions are idempotent).
   */
  public record Delete(String id) implements Operation {}

  /** Removes the image's tombstone: it was uploaded again. */
  public record ForgetDeletion(String id) implements Operation {}

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
    // The operation of each bulk item: a deletion is one item per version and its tombstone.
    List<Operation> owners = new ArrayList<>();
    for (Operation operation : operations) {
      List<BulkOperation> items = bulkItems(operation);
      bulk.operations(items);
      items.forEach(item -> owners.add(operation));
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
      rejected.add(new Rejected(owners.get(i), item.error().type() + ": " + item.error().reason()));
    }
    return rejected;
  }

  private List<BulkOperation> bulkItems(Operation operation) {
    return switch (operation) {
      case Put put -> List.of(ImageWrites.put(target.name(), put.document()));
      case PutIfAbsent put -> List.of(ImageWrites.putIfAbsent(target.name(), put.document()));
      case Delete delete -> {
        List<BulkOperation> items = new ArrayList<>();
        target.all().forEach(version -> items.add(ImageWrites.delete(version, delete.id())));
        items.add(ImageDeletions.tombstone(delete.id(), Instant.now()));
        yield items;
      }
      case ForgetDeletion forget -> List.of(ImageDeletions.forget(forget.id()));
      case ClearAttempts clear -> List.of(ImageWrites.clearAttempts(clear.id()));
    };
  }
}
