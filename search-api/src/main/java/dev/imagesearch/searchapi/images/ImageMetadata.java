package dev.imagesearch.searchapi.images;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.searchapi.search.ImageHit;
import java.time.Instant;

/** What the index knows about one image, EXIF fields included; never its vectors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImageMetadata(
    String id,
    String status,
    String failureReason,
    String thumbnailUrl,
    String originalUrl,
    @JsonUnwrapped ImageFacts facts,
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
        ImageHit.thumbnailUrl(id),
        ImageHit.originalUrl(id),
        d.facts(),
        d.takenAt(),
        d.camera(),
        d.location(),
        d.duplicateOf(),
        d.indexedAt(),
        d.vgg16Model(),
        d.clipModel());
  }
}
