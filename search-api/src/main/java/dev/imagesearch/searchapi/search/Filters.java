package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
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
    out.add(ImageQueries.indexedOnly());
    if (collection != null) {
      out.add(ImageQueries.term(ImageIndex.COLLECTION, collection));
    }
    if (!tags.isEmpty()) {
      if (allTags) {
        tags.forEach(tag -> out.add(ImageQueries.term(ImageIndex.TAGS, tag)));
      } else {
        out.add(ImageQueries.anyOf(ImageIndex.TAGS, tags.stream().map(FieldValue::of).toList()));
      }
    }
    if (contentType != null) {
      out.add(ImageQueries.term(ImageIndex.CONTENT_TYPE, contentType));
    }
    if (uploadedFrom != null || uploadedTo != null) {
      out.add(ImageQueries.between(ImageIndex.UPLOADED_AT, uploadedFrom, uploadedTo));
    }
    if (takenFrom != null || takenTo != null) {
      out.add(ImageQueries.between(ImageIndex.TAKEN_AT, takenFrom, takenTo));
    }
    if (minWidth != null) {
      out.add(ImageQueries.atLeast(ImageIndex.WIDTH, minWidth));
    }
    if (hideDuplicates) {
      out.add(ImageQueries.originalsOnly());
    }
    return out;
  }
}
