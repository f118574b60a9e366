package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts a query's ranked candidates in the order asked for. A date sort keeps only the relevant set,
 * the hits at or above the query's relevance cutoff: sorting the whole window by date would put the
 * newest unrelated image first.
 */
@Component
class ResultOrder {
  private final ElasticsearchAsyncClient client;

  ResultOrder(ElasticsearchAsyncClient client) {
    this.client = client;
  }

  /**
   * @param index the concrete index version the candidates were ranked in
   * @param ranked the query's whole window, best first
   */
  Mono<List<Scored>> arrange(String index, List<Scored> ranked, double cutoff, Sort sort) {
    if (sort == Sort.RELEVANCE) {
      return Mono.just(ranked);
    }
    Map<String, Scored> relevant =
        ranked.stream()
            .filter(s -> !s.weak(cutoff))
            .collect(Collectors.toMap(Scored::id, Function.identity()));
    if (relevant.isEmpty()) {
      return Mono.just(List.of());
    }
    // The window is at most max-results (10,000) ids, the most one search may return.
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(index)
                            .query(q -> q.ids(i -> i.values(List.copyOf(relevant.keySet()))))
                            .sort(sort.clauses())
                            .size(relevant.size())
                            .source(src -> src.fetch(false)),
                    Void.class))
        .map(
            response -> {
              List<Scored> out = new ArrayList<>(relevant.size());
              for (var hit : response.hits().hits()) {
                out.add(relevant.get(hit.id()));
              }
              return out;
            });
  }

  /** The hits of one page. */
  static List<Scored> page(List<Scored> ordered, int offset, int k) {
    return ordered.subList(Math.min(offset, ordered.size()), Math.min(offset + k, ordered.size()));
  }
}
