package dev.imagesearch.ingestservice.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.imagesearch.index.ImageIndex;
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
                client.get(
                    g ->
                        g.index(ImageIndex.ALIAS)
                            .id(id)
                            // From the last refresh, not the translog: "indexed" then means
                            // that a search finds the image, which is what the person waits for.
                            .realtime(false)
                            .sourceIncludes(ImageIndex.STATUS, ImageIndex.FAILURE_REASON),
                    StatusFields.class))
        .timeout(Duration.ofSeconds(10))
        .map(
            response -> {
              if (!response.found() || response.source() == null) {
                return Optional.<Entry>empty();
              }
              StatusFields fields = response.source();
              return Optional.of(
                  new Entry(
                      fields.status() == null ? "indexed" : fields.status(),
                      fields.failureReason()));
            })
        .onErrorResume(IndexLookup::indexMissing, e -> Mono.just(Optional.empty()))
        .onErrorMap(
            e -> !(e instanceof ServiceUnavailable),
            e ->
                new ServiceUnavailable(
                    "The search index (Elasticsearch) is unavailable; retry shortly.", e));
  }

  private static boolean indexMissing(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
    return cause instanceof ElasticsearchException es
        && "index_not_found_exception".equals(es.error().type());
  }
}
