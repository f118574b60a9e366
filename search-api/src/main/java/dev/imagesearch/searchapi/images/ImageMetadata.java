package dev.imagesearch.searchapi.images;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.searchapi.search.Hit;
import java.time.Instant;
import java.util.List;

/** What the index knows about one image, EXIF fields included; never its vectors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImageMetadata(
    String id,
    String status,
    String failureReason,
    String thumbnailUrl,
    String originalUrl,
    String filename,
    String collection,
    List<String> tags,
    String caption,
    String contentType,
    Integer width,
    Integer height,
    Long sizeBytes,
    Instant uploadedAt,
    Instant takenAt,
    String camera,
    ImageDocument.GeoPoint location,
    String duplicateOf,
    Instant indexedAt,
    String vgg16Model,
    String clipModel) {

  static ImageMetadata of(String id, ImageDocument d) {
    return new ImageMetadata(
        id,
        d.status(),
        d.failureReason(),
        Hit.thumbnailUrl(id),
        Hit.originalUrl(id),
        d.filename(),
        d.collection(),
        d.tags() == null ? List.of() : d.tags(),
        d.caption(),
        d.contentType(),
        d.width(),
        d.height(),
        d.sizeBytes(),
        d.uploadedAt(),
        d.takenAt(),
        d.camera(),
        d.location(),
        d.duplicateOf(),
        d.indexedAt(),
        d.vgg16Model(),
        d.clipModel());
  }
}
