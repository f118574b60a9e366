package dev.imagesearch.searchapi.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code rrf(d) = Σ 1 / (c + rank(d))} over the kNN and the word rankings (see HybridSearch). */
final class ReciprocalRankFusion {
  private ReciprocalRankFusion() {}

  /**
   * @param cosines the kNN ranking in order, with each hit's cosine; hits found by words alone get
   *     NaN until their vector is loaded
   * @param lexical the word ranking in order
   * @param c the rank constant
   * @return at most {@code window} hits, best first
   */
  static List<Scored> fuse(Map<String, Double> cosines, List<String> lexical, int window, int c) {
    List<String> semantic = List.copyOf(cosines.keySet());
    Map<String, Double> rrf = new LinkedHashMap<>();
    for (int i = 0; i < semantic.size(); i++) {
      rrf.merge(semantic.get(i), 1.0 / (c + i + 1), Double::sum);
    }
    for (int i = 0; i < lexical.size(); i++) {
      rrf.merge(lexical.get(i), 1.0 / (c + i + 1), Double::sum);
    }
    Set<String> matched = new HashSet<>(lexical);
    List<Scored> fused = new ArrayList<>();
    rrf.forEach(
        (id, score) ->
            fused.add(
                new Scored(
                    id,
                    cosines.getOrDefault(id, Double.NaN),
                    Double.NaN,
                    score,
                    matched.contains(id))));
    fused.sort(Comparator.comparingDouble((Scored s) -> -s.rrf()).thenComparing(Scored::id));
    return fused.size() > window ? fused.subList(0, window) : fused;
  }
}
