package dev.imagesearch.contracts.images;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What is known about an image from its upload: the upload event, the index document, a search hit
 * and the metadata answer all carry it. Holders embed it with {@link JsonUnwrapped}, so its fields
 * sit flat beside theirs in every JSON; the holder's {@code @JsonInclude} says whether an unknown
 * field is written as {@code null} or left out (see {@link ImageFactsWriter}).
 *
 * @param tags never null: no tags is an empty list
 * @param width pixels, null when unknown
 * @param height pixels, null when unknown
 * @param sizeBytes of the original, null when unknown
 */
@JsonSerialize(using = ImageFactsWriter.class)
public record ImageFacts(
    String filename,
    String collection,
    List<String> tags,
    String caption,
    String contentType,
    Integer width,
    Integer height,
    Long sizeBytes,
    Instant uploadedAt) {

  public ImageFacts {
    tags = tags == null ? List.of() : List.copyOf(tags);
    // Version-1 events say 0 for dimensions the sender did not know.
    width = width == null || width <= 0 ? null : width;
    height = height == null || height <= 0 ? null : height;
  }

  /** The same facts with the dimensions the worker decoded, which win over the uploader's. */
  public ImageFacts withDimensions(int width, int height) {
    return new ImageFacts(
        filename, collection, tags, caption, contentType, width, height, sizeBytes, uploadedAt);
  }
}
