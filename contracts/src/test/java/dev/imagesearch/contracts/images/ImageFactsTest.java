package dev.imagesearch.contracts.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ImageFactsTest {
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final ImageFacts FACTS =
      new ImageFacts("a.jpg", null, List.of("dog"), null, "image/png", 2, 1, 3L, AT);

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Quiet(String id, @JsonUnwrapped ImageFacts facts, String after) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Loud(String id, @JsonUnwrapped ImageFacts facts, String after) {}

  @Test
  void aHolderThatLeavesNullsOutLeavesOutTheUnknownFactsToo() {
    String text = json.writeValueAsString(new Quiet("x", FACTS, null));

    assertThat(text)
        .isEqualTo(
            """
            {"id":"x","filename":"a.jpg","tags":["dog"],"contentType":"image/png","width":2,\
            "height":1,"sizeBytes":3,"uploadedAt":"2026-11-23T10:15:30Z"}""");
    assertThat(json.readValue(text, Quiet.class)).isEqualTo(new Quiet("x", FACTS, null));
  }

  @Test
  void aHolderThatWritesNullsWritesEveryFactFlatInPlace() {
    String text = json.writeValueAsString(new Loud("x", FACTS, null));

    assertThat(text)
        .isEqualTo(
            """
            {"id":"x","filename":"a.jpg","collection":null,"tags":["dog"],"caption":null,\
            "contentType":"image/png","width":2,"height":1,"sizeBytes":3,\
            "uploadedAt":"2026-11-23T10:15:30Z","after":null}""");
    assertThat(json.readValue(text, Loud.class)).isEqualTo(new Loud("x", FACTS, null));
  }

  @Test
  void noFactsAtAllWriteNothing() {
    assertThat(json.writeValueAsString(new Quiet("x", null, null))).isEqualTo("{\"id\":\"x\"}");
  }

  @Test
  void missingTagsAreNoTagsAndDimensionsNotAboveZeroAreUnknown() {
    var facts = new ImageFacts("f", null, null, null, "image/png", 0, -1, 1L, null);

    assertThat(facts.tags()).isEmpty();
    assertThat(facts.width()).isNull();
    assertThat(facts.height()).isNull();
    assertThat(facts.withDimensions(3, 4)).extracting("width", "height").containsExactly(3, 4);
  }
}
