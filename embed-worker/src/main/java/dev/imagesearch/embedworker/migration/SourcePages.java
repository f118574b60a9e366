package dev.imagesearch.embedworker.migration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an index version a page at a time, in image id order from a cursor (search_after), without
 * the vectors: the whole id set of a large collection is never in memory.
 */
class SourcePages {
  private final ElasticsearchClient es;
  private final int size;

  SourcePages(ElasticsearchClient es, int size) {
    this.es = es;
    this.size = size;
  }

  /** The images after {@code cursor} (all from the first when null), as re-embed requests. */
  List<ImageReembedRequested> after(String source, String cursor, String target)
      throws IOException {
    return es
        .search(
            s -> {
              s.index(source)
                  .size(size)
                  .sort(o -> o.field(f -> f.field(ImageIndex.ID).order(SortOrder.Asc)))
                  .source(src -> src.filter(f -> f.excludes(ImageIndex.VGG16, ImageIndex.CLIP)));
              if (cursor != null) {
                s.searchAfter(FieldValue.of(cursor));
              }
              return s;
            },
            ImageDocument.class)
        .hits()
        .hits()
        .stream()
        .map(
            h ->
                ImageReembedRequested.of(
                    h.id(), target, facts(h.source()), h.source().failureReason()))
        .toList();
  }

  /** Of these images, the ones that have a document in {@code index}; realtime. */
  Set<String> present(String index, List<String> ids) throws IOException {
    return es
        .mget(m -> m.index(index).ids(ids).source(s -> s.fetch(false)), Void.class)
        .docs()
        .stream()
        .filter(d -> d.isResult() && d.result().found())
        .map(d -> d.result().id())
        .collect(Collectors.toSet());
  }

  long count(String index) throws IOException {
    return es.count(c -> c.index(index)).count();
  }

  private static ImageFacts facts(ImageDocument document) {
    return document.facts() != null
        ? document.facts()
        : new ImageFacts(null, null, List.of(), null, null, null, null, null, null);
  }
}
