package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageQueries;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * kNN search in Elasticsearch. Cosine and L2 come straight from the kNN scores, re-scored on the
 * full-precision vectors ({@code rescore_vector}); L1 re-ranks the kNN candidates exactly on their
 * stored vectors, since Elasticsearch has no L1 similarity for kNN.
 */
@Component
public class VectorSearch {
  private final ElasticsearchAsyncClient client;
  private final SearchProperties properties;
  private final Hydrator hydrator;
  private final ResultOrder order;

  VectorSearch(
      ElasticsearchAsyncClient client,
      SearchProperties properties,
      Hydrator hydrator,
      ResultOrder order) {
    this.client = client;
    this.properties = properties;
    this.hydrator = hydrator;
    this.order = order;
  }

  public Mono<ResultPage> search(VectorQuery query) {
    String fingerprint = query.fingerprint("semantic");
    PageToken token = PageToken.decode(query.pageToken(), fingerprint, properties.maxResults());
    int window = token == null ? properties.window(query.k()) : token.window();
    int offset = token == null ? 0 : token.offset();
    double floor = properties.weakMatch().floor(query.model());
    Mono<List<Scored>> ranked =
        query.metric() == Metric.L1 ? l1(query, window) : byScore(query, window);
    return ranked
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(List.of()))
        .flatMap(
            all -> {
              double[] cosines = all.stream().mapToDouble(Scored::cosine).toArray();
              double cutoff = properties.cutoff().of(cosines, floor);
              return order
                  .arrange(query.index(), all, cutoff, query.sort())
                  .flatMap(ordered -> page(query, ordered, window, offset, floor, cutoff));
            });
  }

  private Mono<ResultPage> page(
      VectorQuery query,
      List<Scored> ordered,
      int window,
      int offset,
      double floor,
      double cutoff) {
    List<Scored> page = ResultOrder.page(ordered, offset, query.k());
    int next = offset + query.k();
    String nextToken =
        next < ordered.size()
            ? new PageToken(window, next, query.fingerprint("semantic")).encode()
            : null;
    return hydrator
        .fetch(query.index(), page.stream().map(Scored::id).toList(), false)
        .map(
            docs -> {
              List<ImageHit> hits = new ArrayList<>();
              for (Scored s : page) {
                ImageDocument doc = docs.get(s.id());
                if (doc != null) {
                  hits.add(ImageHit.of(doc, s, query.metric(), cutoff));
                }
              }
              return ResultPage.of(
                  hits,
                  nextToken,
                  query.model(),
                  query.metric(),
                  "semantic",
                  floor,
                  cutoff,
                  query.sort());
            });
  }

  /** The whole window's ids and cosines, best first; documents come for one page only. */
  private Mono<List<Scored>> byScore(VectorQuery query, int window) {
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(query.index())
                            .knn(knn(query, window))
                            .size(window)
                            .source(src -> src.fetch(false)),
                    Void.class))
        .map(
            response ->
                response.hits().hits().stream()
                    .map(hit -> Scored.cosine(hit.id(), ImageQueries.cosine(hit.score())))
                    .toList());
  }

  /** The kNN candidates ranked exactly by L1 distance on their stored vectors. */
  private Mono<List<Scored>> l1(VectorQuery query, int window) {
    String field = query.model().field();
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(query.index())
                            .knn(knn(query, window))
                            .size(window)
                            .source(
                                src -> src.filter(f -> f.includes(field).excludeVectors(false))),
                    VectorModel.StoredVectors.class))
        .map(
            response -> {
              List<Scored> all = new ArrayList<>();
              for (var hit : response.hits().hits()) {
                float[] v = hit.source() == null ? null : query.model().of(hit.source());
                if (v != null) {
                  all.add(
                      new Scored(
                          hit.id(),
                          VectorMath.dot(query.vector(), v),
                          VectorMath.l1(query.vector(), v),
                          null,
                          null));
                }
              }
              all.sort(Comparator.comparingDouble(Scored::l1).thenComparing(Scored::id));
              return all;
            });
  }

  KnnSearch knn(VectorQuery query, int window) {
    List<Query> filters = new ArrayList<>(query.filters().queries());
    if (query.excludeId() != null) {
      filters.add(ImageQueries.except(query.excludeId()));
    }
    int candidates =
        Math.min(
            10_000,
            Math.max(
                properties.minCandidates(), (int) Math.ceil(window * properties.oversample())));
    return KnnSearch.of(
        k ->
            k.field(query.model().field())
                .queryVector(ImageQueries.queryVector(query.vector()))
                .k(window)
                .numCandidates(candidates)
                .filter(filters)
                .rescoreVector(r -> r.oversample((float) properties.oversample())));
  }
}
