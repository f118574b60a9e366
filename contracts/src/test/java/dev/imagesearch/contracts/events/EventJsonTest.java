package dev.imagesearch.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventJsonTest {
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @Test
  void imageUploadedSurvivesAJsonRoundTripWithTheDocumentedFieldNames() {
    var event =
        new ImageUploaded(
            ImageUploaded.SCHEMA_VERSION,
            UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "a".repeat(64),
            "imagesearch",
            "originals/" + "a".repeat(64),
            "image/jpeg",
            102_400,
            640,
            480,
            "beach.jpg",
            "holidays",
            List.of("dog", "sea"),
            "a dog on a beach",
            Instant.parse("2026-11-23T10:15:30Z"));

    String text = json.writeValueAsString(event);
    JsonNode tree = json.readTree(text);

    assertThat(json.readValue(text, ImageEvent.class)).isEqualTo(event);
    assertThat(tree.propertyNames())
        .containsExactly(
            "type",
            "schemaVersion",
            "eventId",
            "imageId",
            "bucket",
            "key",
            "contentType",
            "sizeBytes",
            "width",
            "height",
            "filename",
            "collection",
            "tags",
            "caption",
            "uploadedAt");
    assertThat(tree.get("uploadedAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
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
        new ImageUploaded(
            1, UUID.randomUUID(), "x", "b", "k", "image/png", 1, 1, 1, "f", null, null, null, null);

    assertThat(event.tags()).isEmpty();
  }

  @Test
  void anEventMissingARequiredNumberIsRejectedNotZeroFilled() {
    assertThatThrownBy(
            () ->
                json.readValue(
                    "{\"type\":\"ImageUploaded\",\"schemaVersion\":1,\"imageId\":\"x\",\"width\":1}",
                    ImageEvent.class))
        .isInstanceOf(tools.jackson.databind.exc.MismatchedInputException.class)
        .hasMessageContaining("sizeBytes");
  }
}
