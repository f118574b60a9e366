package dev.imagesearch.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One image in the index; the document id is the image id. A failed image has {@code status =
 * failed}, a {@code failureReason} and no vectors. Vectors are L2-normalised float[512].
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDocument(
    String id,
    String status,
    String failureReason,
    float[] vgg16,
    float[] clip,
    String vgg16Model,
    String clipModel,
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
    GeoPoint location,
    String duplicateOf,
    Instant indexedAt) {

  public record GeoPoint(double lat, double lon) {}
}
