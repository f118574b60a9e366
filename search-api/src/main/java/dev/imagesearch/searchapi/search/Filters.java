package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.imagesearch.index.ImageIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Restrictions that go inside the kNN {@code filter} (pre-filtering), so a filtered page is still
 * full. Values only ever become typed term and range queries.
 */
public record Filters(
    String collection,
    List<String> tags,
    boolean allTags,
    String contentType,
    Instant uploadedFrom,
    Instant uploadedTo,
    Instant takenFrom,
    Instant takenTo,
    Integer minWidth,
    boolean hideDuplicates) {

  public static final Filters NONE =
      new Filters(null, List.of(), false, null, null, null, null, null, null, false);

  /** Always includes {@code status = indexed}: failed images have no vectors and never show. */
  public List<Query> queries() {
    List<Query> out = new ArrayList<>();
    out.add(term(ImageIndex.STATUS, ImageIndex.INDEXED));
    if (collection != null) {
      out.add(term("collection", collection));
    }
    if (!tags.isEmpty()) {
      if (allTags) {
        tags.forEach(tag -> out.add(term("tags", tag)));
      } else {
        List<FieldValue> values = tags.stream().map(FieldValue::of).toList();
        out.add(Query.of(q -> q.terms(t -> t.field("tags").terms(v -> v.value(values)))));
      }
    }
    if (contentType != null) {
      out.add(term("contentType", contentType));
    }
    range("uploadedAt", uploadedFrom, uploadedTo, out);
    range("takenAt", takenFrom, takenTo, out);
    if (minWidth != null) {
      out.add(Query.of(q -> q.range(r -> r.number(n -> n.field("width").gte((double) minWidth)))));
    }
    if (hideDuplicates) {
      out.add(Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("duplicateOf"))))));
    }
    return out;
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  private static void range(String field, Instant from, Instant to, List<Query> out) {
    if (from == null && to == null) {
      return;
    }
    out.add(
        Query.of(
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
                            }))));
  }
}
