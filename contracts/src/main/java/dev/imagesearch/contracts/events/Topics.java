package dev.imagesearch.contracts.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {
  public static final String IMAGES_UPLOADED = "images.uploaded";
  public static final String IMAGES_UPLOADED_DLT = "images.uploaded.DLT";
  public static final String IMAGES_DELETED = "images.deleted";

  private Topics() {}
}
