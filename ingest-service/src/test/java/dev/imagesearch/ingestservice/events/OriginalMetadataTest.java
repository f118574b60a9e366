package dev.imagesearch.ingestservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.storage.StoredOriginal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginalMetadataTest {
  static final String ID = "a".repeat(64);

  @Test
  void theStoredOriginalGivesBackTheUploadEvent() {
    ImageUploaded event = upload(List.of("rouge", "été"), "trip 2026", "a caption, with a comma");

    ImageUploaded again = again(event);

    assertThat(again).usingRecursiveComparison().ignoringFields("eventId").isEqualTo(event);
    assertThat(again.eventId()).isNotEqualTo(event.eventId());
  }

  @Test
  void optionalFieldsStayAbsent() {
    ImageUploaded event = upload(List.of(), null, null);

    assertThat(again(event)).usingRecursiveComparison().ignoringFields("eventId").isEqualTo(event);
  }

  @Test
  void metadataWithoutTheImageSizeIsRefusedNamingWhatIsMissing() {
    var original =
        new StoredOriginal(
            "image/png", 3, Instant.now(), Map.of("uploaded-at", "2026-01-01T00:00:00Z"));

    assertThatThrownBy(() -> OriginalMetadata.event(ID, original))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no width");
  }

  private static ImageUploaded again(ImageUploaded event) {
    var original =
        new StoredOriginal(
            event.facts().contentType(),
            event.facts().sizeBytes(),
            Instant.now(),
            OriginalMetadata.of(event.facts()));
    return OriginalMetadata.event(ID, original);
  }

  private static ImageUploaded upload(List<String> tags, String collection, String caption) {
    return ImageUploaded.of(
        ID,
        new ImageFacts(
            "photo 1.jpg",
            collection,
            tags,
            caption,
            "image/jpeg",
            640,
            480,
            1234L,
            Instant.parse("2026-12-05T08:00:00.123Z")));
  }
}
