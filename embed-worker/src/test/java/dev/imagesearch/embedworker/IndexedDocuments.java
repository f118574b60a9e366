package dev.imagesearch.embedworker;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import java.util.Optional;

/**
 * Reads what the worker wrote. Elasticsearch 9 leaves dense vectors out of {@code _source} unless
 * asked, so reads that need them say so.
 */
public final class IndexedDocuments {
  private IndexedDocuments() {}

  public static Optional<ImageDocument> get(ElasticsearchAsyncClient es, String id) {
    try {
      var response =
          es.get(
                  g -> g.index(ImageIndex.ALIAS).id(id).sourceExcludeVectors(false),
                  ImageDocument.class)
              .get();
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (Exception e) {
      if (noIndexYet(e)) {
        return Optional.empty();
      }
      throw new IllegalStateException(e);
    }
  }

  public static long count(ElasticsearchAsyncClient es, String collection) {
    try {
      es.indices().refresh(r -> r.index(ImageIndex.ALIAS)).get();
      return es.count(
              c ->
                  c.index(ImageIndex.ALIAS)
                      .query(q -> q.term(t -> t.field("collection").value(collection))))
          .get()
          .count();
    } catch (Exception e) {
      if (noIndexYet(e)) {
        return 0;
      }
      throw new IllegalStateException(e);
    }
  }

  /** The worker creates the index when it starts; before that there is nothing to read. */
  private static boolean noIndexYet(Exception e) {
    return e.getCause() instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es
        && "index_not_found_exception".equals(es.error().type());
  }
}
