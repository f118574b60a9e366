package dev.imagesearch.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that happens to an image travels on {@link Topics#IMAGES}, keyed by image id, so Kafka
 * keeps an image's upload and its deletion in order on one partition. The JSON names its kind in
 * {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ImageUploaded.class, name = "ImageUploaded"),
  @JsonSubTypes.Type(value = ImageDeleted.class, name = "ImageDeleted")
})
public sealed interface ImageEvent permits ImageUploaded, ImageDeleted {
  int schemaVersion();

  java.util.UUID eventId();

  /** SHA-256 of the image bytes, lower-case hex; also the Kafka key. */
  String imageId();
}
