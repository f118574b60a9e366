package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedworker.exif.Exif;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ModelVersions;
import java.time.Instant;

/** Builds the index documents from an upload event and what the worker computed. */
final class Documents {
  private Documents() {}

  static ImageDocument indexed(
      ImageUploaded event,
      ImageVectors vectors,
      ModelVersions models,
      int width,
      int height,
      Exif exif,
      String duplicateOf) {
    return new ImageDocument(
        event.imageId(),
        ImageIndex.INDEXED,
        null,
        vectors.vgg16(),
        vectors.clip(),
        models.vgg16(),
        models.clip(),
        event.filename(),
        event.collection(),
        event.tags(),
        event.caption(),
        event.contentType(),
        width,
        height,
        event.sizeBytes(),
        event.uploadedAt(),
        exif.takenAt(),
        exif.camera(),
        exif.location(),
        duplicateOf,
        Instant.now());
  }

  /** What is known of an image that failed, so search and status can still show it. */
  static ImageDocument failed(ImageUploaded event, PermanentFailure failure) {
    return new ImageDocument(
        event.imageId(),
        ImageIndex.FAILED,
        failure.describe(),
        null,
        null,
        null,
        null,
        event.filename(),
        event.collection(),
        event.tags(),
        event.caption(),
        event.contentType(),
        event.width() > 0 ? event.width() : null,
        event.height() > 0 ? event.height() : null,
        event.sizeBytes(),
        event.uploadedAt(),
        null,
        null,
        null,
        null,
        Instant.now());
  }

  /** An event too malformed to read: only its id (the Kafka key) is known. */
  static ImageDocument failed(String imageId, PermanentFailure failure) {
    return new ImageDocument(
        imageId,
        ImageIndex.FAILED,
        failure.describe(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Instant.now());
  }
}
