package dev.imagesearch.contracts.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {
  /**
   * Every {@link ImageEvent}, uploads and deletions alike, keyed by image id so that an image's
   * deletion is ordered after its upload. The name says less than that; decision 0014 says why it
   * stays.
   */
  public static final String IMAGES = "images.uploaded";

  /** Events a worker could not process, with the reason in the headers. */
  public static final String IMAGES_DLT = "images.uploaded.DLT";

  /**
   * {@link ImageReembedRequested}: one per stored image while a model migration builds the next
   * index version, keyed by image id, with as many partitions as {@link #IMAGES}.
   */
  public static final String REEMBED = "images.reembed";

  /** Re-embed events a worker could not process, with the reason in the headers. */
  public static final String REEMBED_DLT = "images.reembed.DLT";

  private Topics() {}
}
