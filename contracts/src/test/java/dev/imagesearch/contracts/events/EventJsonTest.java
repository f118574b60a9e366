package dev.imagesearch.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.contracts.images.ImageFacts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventJsonTest {
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
  private static final ImageFacts FACTS =
      new ImageFacts(
          "beach.jpg",
          "holidays",
          List.of("dog", "sea"),
          "a dog on a beach",
          "image/jpeg",
          640,
          480,
          102_400L,
          Instant.parse("2026-11-23T10:15:30Z"));

  @Test
  void imageUploadedSurvivesAJsonRoundTripWithTheDocumentedFieldNames() {
    var event =
        new ImageUploaded(
            ImageUploaded.SCHEMA_VERSION,
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "a".repeat(64),
            FACTS);

    String text = json.writeValueAsString(event);
    JsonNode tree = json.readTree(text);

    assertThat(json.readValue(text, ImageEvent.class)).isEqualTo(event);
    assertThat(tree.propertyNames())
        .containsExactly(
            "type",
            "schemaVersion",
            "eventId",
            "imageId",
            "filename",
            "collection",
            "tags",
            "caption",
            "contentType",
            "width",
            "height",
            "sizeBytes",
            "uploadedAt");
    assertThat(tree.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(tree.get("uploadedAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
  }

  @Test
  void aReembedRequestCarriesItsTargetAndTheFactsFlat() {
    var event = ImageReembedRequested.of("a".repeat(64), "images-v2", FACTS, null);

    String text = json.writeValueAsString(event);

    assertThat(json.readValue(text, ImageReembedRequested.class)).isEqualTo(event);
    assertThat(json.readTree(text).propertyNames())
        .startsWith("schemaVersion", "eventId", "imageId", "targetIndex", "filename");
  }

  /** Version-1 events may still wait in Kafka during an upgrade: their bucket and key are moot. */
  @Test
  void aVersionOneEventStillReadsWithItsBucketAndKeyIgnored() {
    String v1 =
        """
        {"type":"ImageUploaded","schemaVersion":1,
         "eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","imageId":"%s",
         "bucket":"imagesearch","key":"originals/%s","contentType":"image/jpeg",
         "sizeBytes":102400,"width":640,"height":480,"filename":"beach.jpg",
         "collection":"holidays","tags":["dog","sea"],"caption":"a dog on a beach",
         "uploadedAt":"2026-11-23T10:15:30Z"}
        """
            .formatted("a".repeat(64), "a".repeat(64));

    var event = (ImageUploaded) json.readValue(v1, ImageEvent.class);

    assertThat(event.schemaVersion()).isEqualTo(1);
    assertThat(event.facts()).isEqualTo(FACTS);
  }

  @Test
  void aDeletionReadsBackAsItsOwnKindOfEvent() {
    var event =
        new ImageDeleted(
            1, UUID.randomUUID(), "b".repeat(64), Instant.parse("2026-11-23T10:15:30Z"));

    String text = json.writeValueAsString(event);

    assertThat(text).startsWith("{\"type\":\"ImageDeleted\"");
    assertThat(json.readValue(text, ImageEvent.class)).isEqualTo(event);
  }

  @Test
  void missingTagsBecomeAnEmptyList() {
    var event =
        ImageUploaded.of("x", new ImageFacts("f", null, null, null, "image/png", 1, 1, 1L, null));

    assertThat(event.facts().tags()).isEmpty();
  }

  @Test
  void anEventMissingARequiredNumberIsRejectedNotZeroFilled() {
    assertThatThrownBy(
            () ->
                json.readValue(
                    "{\"type\":\"ImageUploaded\",\"schemaVersion\":1,\"imageId\":\"x\",\"width\":1}",
                    ImageEvent.class))
        .isInstanceOf(tools.jackson.databind.DatabindException.class)
        .hasMessageContaining("sizeBytes");
  }
}
