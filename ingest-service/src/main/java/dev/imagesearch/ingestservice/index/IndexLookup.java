package dev.imagesearch.ingestservice.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageReads;
import dev.imagesearch.web.ServiceUnavailable;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads what the embed-worker recorded about an image in the index. */
@Component
public class IndexLookup {
  /** What the index says: {@code indexed} or {@code failed}, with the worker's reason. */
  public record Entry(String status, String failureReason) {}

  private final ElasticsearchAsyncClient client;

  IndexLookup(ElasticsearchAsyncClient client) {
    this.client = client;
  }

  /** The fields of the worker's document that tell its state. */
  record StatusFields(String status, String failureReason) {}

  /** Empty when the image has no document yet, including when the index does not exist yet. */
  public Mono<Optional<Entry>> find(String id) {
    return Mono.fromFuture(
            () ->
                ImageReads.byId(
                    client,
                    id,
                    StatusFields.class,
                    g ->
                        // From the last refresh, not the translog: "indexed" then means
                        // that a search finds the image, which is what the person waits for.
                        g.realtime(false)
                            .sourceIncludes(ImageIndex.STATUS, ImageIndex.FAILURE_REASON)))
        .timeout(Duration.ofSeconds(10))
        .map(
            found ->
                found.map(
                    fields ->
                        new Entry(
                            fields.status() == null ? ImageIndex.INDEXED : fields.status(),
                            fields.failureReason())))
        .onErrorMap(
            e -> !(e instanceof ServiceUnavailable),
            e ->
                new ServiceUnavailable(
                    "The search index (Elasticsearch) is unavailable; retry shortly.", e));
  }
}
