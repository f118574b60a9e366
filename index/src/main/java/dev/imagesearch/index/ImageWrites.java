package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;

/**
 * The operations of a bulk request that writes images into one index version, named by its concrete
 * name ({@link ImageIndexVersions}): a version that is filling during a model migration has no
 * alias yet. The document id is the image id, so a re-delivered event overwrites its document
 * instead of adding one.
 */
public final class ImageWrites {
  private ImageWrites() {}

  /** Creates or replaces the document. */
  public static BulkOperation put(String index, ImageDocument document) {
    return BulkOperation.of(o -> o.index(i -> i.index(index).id(document.id()).document(document)));
  }

  /**
   * Writes the document only when none exists: a malformed event must not overwrite an image that
   * was indexed from a good one.
   */
  public static BulkOperation putIfAbsent(String index, ImageDocument document) {
    return BulkOperation.of(
        o -> o.create(c -> c.index(index).id(document.id()).document(document)));
  }

  /** Removes the document; a missing one is fine (deletions are idempotent). */
  public static BulkOperation delete(String index, String id) {
    return BulkOperation.of(o -> o.delete(d -> d.index(index).id(id)));
  }

  /**
   * Removes the image's record of unfinished attempts ({@link ImageAttempts}), in the request that
   * writes its result.
   */
  public static BulkOperation clearAttempts(String id) {
    return BulkOperation.of(o -> o.delete(d -> d.index(ImageAttempts.INDEX).id(id)));
  }

  /**
   * The item's error means what was wanted already holds: nothing to delete, or a document that
   * {@link #putIfAbsent} must not replace.
   */
  public static boolean harmless(BulkResponseItem item) {
    return (item.operationType() == OperationType.Delete && item.status() == 404)
        || (item.operationType() == OperationType.Create && item.status() == 409);
  }
}
