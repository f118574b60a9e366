package dev.imagesearch.index;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Small pieces that services compose their kNN filters and word queries from, with the
 * elasticsearch-java builders. Values only ever become typed term, range and ids queries.
 */
public final class ImageQueries {
  private ImageQueries() {}

  /** Only images that can be found: failed images have no vectors and never show. */
  public static Query indexedOnly() {
    return term(ImageIndex.STATUS, ImageIndex.INDEXED);
  }

  /** Images that are no near-duplicate of another ({@link ImageIndex#DUPLICATE_OF} absent). */
  public static Query originalsOnly() {
    return Query.of(
        q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(ImageIndex.DUPLICATE_OF)))));
  }

  /** Every image but this one. */
  public static Query except(String id) {
    return Query.of(q -> q.bool(b -> b.mustNot(m -> m.ids(i -> i.values(id)))));
  }

  public static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  /** The field holds at least one of the values. */
  public static Query anyOf(String field, List<FieldValue> values) {
    return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
  }

  public static Query atLeast(String field, double min) {
    return Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte(min))));
  }

  /** Between two instants, both included; a null end is open. */
  public static Query between(String field, Instant from, Instant to) {
    return Query.of(
        q ->
            q.range(
                r ->
                    r.date(
                        d -> {
                          d.field(field);
                          if (from != null) {
                            d.gte(from.toString());
                          }
                          if (to != null) {
                            d.lte(to.toString());
                          }
                          return d;
                        })));
  }

  /** A vector as the kNN {@code query_vector} wants it. */
  public static List<Float> queryVector(float[] vector) {
    List<Float> out = new ArrayList<>(vector.length);
    for (float v : vector) {
      out.add(v);
    }
    return out;
  }

  /**
   * The cosine behind a kNN score: the vector fields use {@code dot_product} on unit vectors, which
   * Elasticsearch scores as {@code (1 + cosine) / 2}. A missing score counts as the farthest.
   */
  public static double cosine(Double score) {
    return 2 * (score == null ? 0 : score) - 1;
  }
}
