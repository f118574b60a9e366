package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.images.ImageFacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document's JSON is what Elasticsearch stores: flat, and without the fields it lacks. */
class ImageDocumentTest {
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @Test
  void aFailedImageKeepsWhatItsUploadSaidAndNothingUnknown() {
    var facts =
        new ImageFacts("a.jpg", null, List.of(), null, "image/jpeg", 0, 0, 10L, Instant.EPOCH);

    JsonNode doc = json.valueToTree(ImageDocument.failed("x", facts, "CORRUPT: bad"));

    assertThat(doc.propertyNames())
        .containsExactly(
            "id",
            "status",
            "failureReason",
            "filename",
            "tags",
            "contentType",
            "sizeBytes",
            "uploadedAt",
            "indexedAt");
    assertThat(doc.get("status").asString()).isEqualTo(ImageIndex.FAILED);
  }

  @Test
  void anUnreadableEventLeavesOnlyItsIdAndReason() {
    JsonNode doc = json.valueToTree(ImageDocument.failed("x", "MALFORMED_EVENT: no JSON"));

    assertThat(doc.propertyNames()).containsExactly("id", "status", "failureReason", "indexedAt");
  }
}
