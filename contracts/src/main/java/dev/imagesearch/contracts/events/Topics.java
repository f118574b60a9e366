package dev.imagesearch.contracts.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {
  /** All {@link ImageEvent}s, keyed by image id. */
  public static final String IMAGES = "images.uploaded";

  /** Events a worker could not process, with the reason in the headers. */
  public static final String IMAGES_DLT = "images.uploaded.DLT";

  private Topics() {}
}
