package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Text queries in hybrid mode: the CLIP kNN ranking and a word match on caption, file name and tags
 * are fused by reciprocal rank fusion in this service: {@code rrf(d) = Σ 1 / (c + rank(d))} over
 * the two rankings, {@code c} = {@code imagesearch.search.rrf-rank-constant}. RRF needs no score
 * calibration between BM25 and cosine, which have nothing in common; Elasticsearch's own RRF needs
 * a paid licence (decision 0009). The user's words only reach Elasticsearch inside typed match and
 * term queries.
 */
@Component
class HybridSearch {
  private static final int MAX_TAG_WORDS = 32;

  private final ElasticsearchAsyncClient client;
  private final SearchProperties properties;
  private final VectorSearch vectors;
  private final Hydrator hydrator;
  private final ResultOrder order;

  HybridSearch(
      ElasticsearchAsyncClient client,
      SearchProperties properties,
      VectorSearch vectors,
      Hydrator hydrator,
      ResultOrder order) {
    this.client = client;
    this.properties = properties;
    this.vectors = vectors;
    this.hydrator = hydrator;
    this.order = order;
  }

  Mono<ResultPage> search(VectorQuery query, String text) {
    String fingerprint = query.fingerprint("hybrid");
    PageToken token = PageToken.decode(query.pageToken(), fingerprint, properties.maxResults());
    int window = token == null ? properties.window(query.k()) : token.window();
    int offset = token == null ? 0 : token.offset();
    double floor = properties.weakMatch().floor(query.model());
    Mono<Map<String, Double>> semantic =
        cosines(
            Es.call(
                () ->
                    client.search(
                        s ->
                            s.index(query.index())
                                .knn(vectors.knn(query, window))
                                .size(window)
                                .source(src -> src.fetch(false)),
                        Void.class)));
    Mono<List<String>> lexical =
        ids(
            Es.call(
                () ->
                    client.search(
                        s ->
                            s.index(query.index())
                                .query(lexical(text, query.filters()))
                                .size(window)
                                .source(src -> src.fetch(false)),
                        Void.class)));
    return Mono.zip(semantic, lexical)
        .flatMap(
            lists -> {
              Map<String, Double> cosines = lists.getT1();
              double[] scores =
                  cosines.values().stream().mapToDouble(Double::doubleValue).toArray();
              double cutoff = properties.cutoff().of(scores, floor);
              List<Scored> fused =
                  ReciprocalRankFusion.fuse(
                      cosines, lists.getT2(), window, properties.rrfRankConstant());
              return order
                  .arrange(query.index(), fused, cutoff, query.sort())
                  .flatMap(ordered -> page(query, ordered, cosines, window, offset, floor, cutoff));
            });
  }

  private Mono<ResultPage> page(
      VectorQuery query,
      List<Scored> ordered,
      Map<String, Double> cosines,
      int window,
      int offset,
      double floor,
      double cutoff) {
    List<Scored> page = ResultOrder.page(ordered, offset, query.k());
    // Stored vectors are costly to load: only hits found by words alone need theirs (they have no
    // kNN score), and L1 needs every hit's.
    boolean withClip =
        query.metric() == Metric.L1 || page.stream().anyMatch(h -> !cosines.containsKey(h.id()));
    return hydrator
        .fetch(query.index(), page.stream().map(Scored::id).toList(), withClip)
        .map(
            docs ->
                respond(query, page, cosines, docs, offset, ordered.size(), window, floor, cutoff));
  }

  private ResultPage respond(
      VectorQuery query,
      List<Scored> page,
      Map<String, Double> cosines,
      Map<String, ImageDocument> docs,
      int offset,
      int total,
      int window,
      double floor,
      double cutoff) {
    List<ImageHit> hits = new ArrayList<>();
    for (Scored s : page) {
      ImageDocument doc = docs.get(s.id());
      Double cosine = cosines.get(s.id());
      if (doc == null || (doc.clip() == null && (cosine == null || query.metric() == Metric.L1))) {
        continue;
      }
      Scored exact =
          doc.clip() == null
              ? new Scored(s.id(), cosine, Double.NaN, s.rrf(), s.lexicalMatch())
              : new Scored(
                  s.id(),
                  VectorMath.dot(query.vector(), doc.clip()),
                  VectorMath.l1(query.vector(), doc.clip()),
                  s.rrf(),
                  s.lexicalMatch());
      hits.add(ImageHit.of(doc, exact, query.metric(), cutoff));
    }
    int next = offset + query.k();
    String nextToken =
        next < Math.min(window, total)
            ? new PageToken(window, next, query.fingerprint("hybrid")).encode()
            : null;
    return ResultPage.of(
        hits, nextToken, query.model(), query.metric(), "hybrid", floor, cutoff, query.sort());
  }

  static Query lexical(String text, Filters filters) {
    List<FieldValue> words =
        Arrays.stream(text.split("\\s+"))
            .filter(w -> !w.isEmpty())
            .limit(MAX_TAG_WORDS)
            .flatMap(w -> List.of(w, w.toLowerCase(Locale.ROOT)).stream())
            .distinct()
            .map(FieldValue::of)
            .toList();
    return Query.of(
        q ->
            q.bool(
                b ->
                    b.filter(filters.queries())
                        .should(s -> s.match(m -> m.field(ImageIndex.CAPTION).query(text)))
                        .should(s -> s.match(m -> m.field(ImageIndex.FILENAME_TEXT).query(text)))
                        .should(ImageQueries.anyOf(ImageIndex.TAGS, words))
                        .minimumShouldMatch("1")));
  }

  /** The kNN ranking in order, with each hit's cosine. */
  private static Mono<Map<String, Double>> cosines(Mono<SearchResponse<Void>> response) {
    return response
        .map(
            r -> {
              Map<String, Double> cosines = new LinkedHashMap<>();
              for (var hit : r.hits().hits()) {
                cosines.put(hit.id(), ImageQueries.cosine(hit.score()));
              }
              return cosines;
            })
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(Map.of()));
  }

  private static Mono<List<String>> ids(Mono<SearchResponse<Void>> response) {
    return response
        .map(r -> r.hits().hits().stream().map(h -> h.id()).toList())
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(List.of()));
  }
}
