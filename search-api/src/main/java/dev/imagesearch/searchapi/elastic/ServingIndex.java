package dev.imagesearch.searchapi.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.JsonData;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.web.ServiceUnavailable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The index version the alias names, and the models it was made with. Every query reads it once and
 * then encodes with those models and searches that concrete index, never the alias: when the alias
 * moves between two calls of one query, the query still compares vectors of one model (decision
 * 0027). Resolved in the background every {@link #REFRESH}; a query waits only for the first
 * resolution, or while no index exists.
 */
@Component
public class ServingIndex implements DisposableBean {
  static final Duration REFRESH = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ServingIndex.class);

  /**
   * @param index the concrete index version; the alias when none exists yet (a query then finds
   *     nothing)
   * @param models the models of its vectors, or null when no index exists yet
   */
  public record Serving(String index, ModelVersions models) {
    static final Serving NONE = new Serving(ImageIndex.ALIAS, null);

    public boolean exists() {
      return models != null;
    }
  }

  private final ElasticsearchAsyncClient client;
  private final AtomicReference<Serving> latest = new AtomicReference<>();
  private final Disposable refresher;

  ServingIndex(ElasticsearchAsyncClient client) {
    this.client = client;
    this.refresher =
        Flux.interval(Duration.ZERO, REFRESH)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    resolve()
                        .onErrorResume(
                            e -> {
                              log.debug("Could not resolve the alias '{}'", ImageIndex.ALIAS, e);
                              return Mono.empty();
                            }))
            .subscribe();
  }

  /**
   * The serving index as last resolved, at most about {@link #REFRESH} old. Before an index exists
   * it is resolved anew for every query, so the first one created is used as soon as it is there.
   */
  public Mono<Serving> current() {
    Serving known = latest.get();
    return known != null && known.exists() ? Mono.just(known) : resolve();
  }

  /** Reads the alias now; the next {@link #current()} returns what it found. */
  public Mono<Serving> resolve() {
    return Es.call(() -> client.indices().getMapping(g -> g.index(ImageIndex.ALIAS)))
        .map(
            response -> {
              var mappings = response.mappings();
              if (mappings.size() != 1) {
                throw new ServiceUnavailable(
                    "The alias '"
                        + ImageIndex.ALIAS
                        + "' names "
                        + mappings.keySet()
                        + "; it must name exactly one index version.",
                    null);
              }
              var entry = mappings.entrySet().iterator().next();
              Map<String, JsonData> meta = entry.getValue().mappings().meta();
              return new Serving(
                  entry.getKey(),
                  new ModelVersions(
                      text(meta, ImageIndex.VGG16_MODEL), text(meta, ImageIndex.CLIP_MODEL)));
            })
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(Serving.NONE))
        .doOnNext(latest::set);
  }

  private static String text(Map<String, JsonData> meta, String key) {
    return meta != null && meta.containsKey(key) ? meta.get(key).to(String.class) : null;
  }

  @Override
  public void destroy() {
    refresher.dispose();
  }
}
