package dev.imagesearch.ingestservice.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
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

  /** The most hits one search returns. */
  private static final int MAX_HITS = 10_000;

  private final ElasticsearchAsyncClient client;

  IndexLookup(ElasticsearchAsyncClient client) {
    this.client = client;
  }

  /** The fields of the worker's document that tell its state. */
  record StatusFields(String status, String failureReason) {}

  /**
   * What the index says about each of {@code ids}: the serving index version's document, else that
   * of any other version (an upload made during a model migration is written only into the
   * migration's target, which serves after the switch: decision 0027). Ids with no document yet are
   * absent from the map, also when no index exists yet.
   */
  public Mono<Map<String, Entry>> findAll(List<String> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return serving(ids)
        .flatMap(
            found -> {
              List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
              if (missing.isEmpty()) {
                return Mono.just(found);
              }
              return inAnyVersion(missing)
                  .map(
                      elsewhere -> {
                        Map<String, Entry> all = new HashMap<>(elsewhere);
                        all.putAll(found);
                        return all;
                      });
            })
        .timeout(Duration.ofSeconds(10))
        .onErrorMap(e -> !(e instanceof ServiceUnavailable), IndexLookup::unavailable);
  }

  /** Empty when the image has no document yet, including when no index exists yet. */
  public Mono<Optional<Entry>> find(String id) {
    return findAll(List.of(id)).map(found -> Optional.ofNullable(found.get(id)));
  }

  /** One multi-get through the alias. */
  private Mono<Map<String, Entry>> serving(List<String> ids) {
    return Mono.fromFuture(
            () ->
                client.mget(
                    m ->
                        m.index(ImageIndex.ALIAS)
                            .ids(ids)
                            // From the last refresh, not the translog: "indexed" then means
                            // that a search finds the image, which is what the person waits for.
                            .realtime(false)
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
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(Map.of()));
  }

  /**
   * One search over every index version; where an image has documents in several, an indexed one
   * wins. At most {@code StatusQuery.MAX_IDS} ids, each with one document per version.
   */
  private Mono<Map<String, Entry>> inAnyVersion(List<String> ids) {
    return Mono.fromFuture(
            () ->
                client.search(
                    s ->
                        s.index(ImageIndex.VERSION_PREFIX + "*")
                            .query(q -> q.ids(i -> i.values(ids)))
                            .size(MAX_HITS)
                            .source(
                                src ->
                                    src.filter(
                                        f ->
                                            f.includes(
                                                ImageIndex.STATUS, ImageIndex.FAILURE_REASON))),
                    StatusFields.class))
        .map(
            response -> {
              Map<String, Entry> found = new HashMap<>();
              for (var hit : response.hits().hits()) {
                if (hit.source() != null) {
                  found.merge(
                      hit.id(),
                      entry(hit.source()),
                      (a, b) -> ImageIndex.INDEXED.equals(a.status()) ? a : b);
                }
              }
              return found;
            });
  }

  private static Entry entry(StatusFields fields) {
    return new Entry(
        fields.status() == null ? ImageIndex.INDEXED : fields.status(), fields.failureReason());
  }

  private static ServiceUnavailable unavailable(Throwable e) {
    return new ServiceUnavailable(
        "The search index (Elasticsearch) is unavailable; retry shortly.", e);
  }
}
