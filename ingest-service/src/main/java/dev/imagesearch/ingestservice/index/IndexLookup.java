package dev.imagesearch.ingestservice.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageReads;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.web.ServiceUnavailable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * What the index says about each of {@code ids}, in one multi-get; ids with no document yet are
   * absent from the map, also when the index does not exist yet.
   */
  public Mono<Map<String, Entry>> findAll(List<String> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return Mono.fromFuture(
            () ->
                client.mget(
                    m ->
                        m.index(ImageIndex.ALIAS)
                            .ids(ids)
                            .realtime(false) // as in find(): indexed means searchable
                            .sourceIncludes(ImageIndex.STATUS, ImageIndex.FAILURE_REASON),
                    StatusFields.class))
        .map(
            response -> {
              Map<String, Entry> found = new HashMap<>();
              for (var doc : response.docs()) {
                if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
                  found.put(doc.result().id(), entry(doc.result().source()));
                }
              }
              return found;
            })
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(Map.of()))
        .timeout(Duration.ofSeconds(10))
        .onErrorMap(e -> !(e instanceof ServiceUnavailable), IndexLookup::unavailable);
  }

  private static Entry entry(StatusFields fields) {
    return new Entry(
        fields.status() == null ? ImageIndex.INDEXED : fields.status(), fields.failureReason());
  }

  private static ServiceUnavailable unavailable(Throwable e) {
    return new ServiceUnavailable(
        "The search index (Elasticsearch) is unavailable; retry shortly.", e);
  }

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
        .map(found -> found.map(IndexLookup::entry))
        .onErrorMap(e -> !(e instanceof ServiceUnavailable), IndexLookup::unavailable);
  }
}
