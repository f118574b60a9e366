package dev.imagesearch.searchapi.search;

/**
 * A ranked id before its document is attached.
 *
 * @param l1 the L1 distance when the metric is L1, else NaN
 * @param rrf hybrid only, else null
 * @param lexicalMatch hybrid only, else null
 */
record Scored(String id, double cosine, double l1, Double rrf, Boolean lexicalMatch) {
  static Scored cosine(String id, double cosine) {
    return new Scored(id, cosine, Double.NaN, null, null);
  }

  /**
   * Probably not what was asked for: the cosine is below the query's relevance cutoff, and hybrid
   * did not find it by its words.
   */
  boolean weak(double cutoff) {
    return cosine < cutoff && !Boolean.TRUE.equals(lexicalMatch);
  }
}
