package dev.imagesearch.contracts.index;

/**
 * Names in the Elasticsearch index that more than one service relies on. Documents are written by
 * the embed-worker; the ingest-service reads their status.
 */
public final class ImageIndex {
  /** Services read and write through the alias; the versioned index behind it can be swapped. */
  public static final String ALIAS = "images";

  /** {@code indexed} or {@code failed}. */
  public static final String STATUS = "status";

  public static final String FAILURE_REASON = "failureReason";

  private ImageIndex() {}
}
