package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.KnnSearch;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  VectorSearch(ElasticsearchAsyncClient client, SearchProperties properties, Hydrator hydrator) {
    this.client = client;
    this.properties = properties;
    this.hydrator = hydrator;
  }

  public Mono<ResultPage> search(VectorQuery query) {
    String fingerprint = query.fingerprint("semantic");
    PageToken token = PageToken.decode(query.pageToken(), fingerprint, properties.maxResults());
    int window = token == null ? properties.window(query.k()) : token.window();
    int offset = token == null ? 0 : token.offset();
    int size = Math.min(query.k(), window - offset);
    double floor = properties.weakMatch().floor(query.model());
    Mono<Page> page =
        query.metric() == Metric.L1
            ? l1(query, window, offset, size)
            : knn(query, window, offset, size);
    return page.onErrorResume(IndexErrors::indexMissing, e -> Mono.just(Page.EMPTY))
        .map(
            p -> {
              List<ImageHit> hits = new ArrayList<>();
              for (Scored s : p.scored()) {
                ImageDocument doc = p.documents().get(s.id());
                if (doc != null) {
                  hits.add(ImageHit.of(doc, s, query.metric(), floor));
                }
              }
              int next = offset + size;
              String nextToken =
                  next < Math.min(window, p.total())
                      ? new PageToken(window, next, fingerprint).encode()
                      : null;
              return ResultPage.of(
                  hits, nextToken, query.model(), query.metric(), "semantic", floor);
            });
  }

  /** Ranked ids with their documents, and how many hits the whole ranking has. */
  record Page(List<Scored> scored, Map<String, ImageDocument> documents, long total) {
    static final Page EMPTY = new Page(List.of(), Map.of(), 0);
  }

  private Mono<Page> knn(VectorQuery query, int window, int offset, int size) {
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(ImageIndex.ALIAS)
                            .knn(knn(query, window))
                            .from(offset)
                            .size(size)
                            .source(
                                src ->
                                    src.filter(f -> f.excludes(ImageIndex.VGG16, ImageIndex.CLIP))),
                    ImageDocument.class))
        .map(
            response -> {
              List<Scored> scored = new ArrayList<>();
              Map<String, ImageDocument> docs = new HashMap<>();
              for (var hit : response.hits().hits()) {
                scored.add(Scored.cosine(hit.id(), ImageQueries.cosine(hit.score())));
                docs.put(hit.id(), hit.source());
              }
              return new Page(scored, docs, total(response, offset + scored.size()));
            });
  }

  private Mono<Page> l1(VectorQuery query, int window, int offset, int size) {
    String field = query.model().field();
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(ImageIndex.ALIAS)
                            .knn(knn(query, window))
                            .size(window)
                            .source(
                                src -> src.filter(f -> f.includes(field).excludeVectors(false))),
                    VectorModel.StoredVectors.class))
        .flatMap(
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
              List<Scored> page =
                  all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
              return hydrator
                  .fetch(page.stream().map(Scored::id).toList(), false)
                  .map(docs -> new Page(List.copyOf(page), docs, all.size()));
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

  private static long total(SearchResponse<?> response, long fallback) {
    var total = response.hits().total();
    return total == null ? fallback : total.value();
  }
}
