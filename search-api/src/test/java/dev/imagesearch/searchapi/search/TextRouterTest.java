package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** textModel=auto: English to CLIP's text tower, everything else to the multilingual encoder. */
class TextRouterTest {
  private static TextRouter router;

  @BeforeAll
  static void load() {
    router = new TextRouter(new TextProperties(TextModel.AUTO));
  }

  @Test
  void englishGoesToClip() {
    for (String text : new String[] {"a red flower on the beach", "two dogs playing in the snow"}) {
      assertThat(router.resolve(null, text, null)).as(text).isEqualTo(TextModel.CLIP);
    }
  }

  @Test
  void otherLanguagesGoToTheMultilingualEncoder() {
    for (String text :
        new String[] {
          "une fleur rouge sur la plage",
          "zwei Hunde spielen im Schnee",
          "красный цветок на пляже",
          "海滩上的红花",
          "وردة حمراء على الشاطئ"
        }) {
      assertThat(router.resolve(null, text, null)).as(text).isEqualTo(TextModel.MULTILINGUAL);
    }
  }

  @Test
  void aNamedModelIsKept() {
    assertThat(router.resolve("multilingual", "a red flower", null))
        .isEqualTo(TextModel.MULTILINGUAL);
    assertThat(router.resolve("CLIP", "une fleur rouge", null)).isEqualTo(TextModel.CLIP);
  }

  @Test
  void theDeploymentsDefaultAppliesWhenTheQueryNamesNone() {
    var clipFirst = new TextRouter(new TextProperties(TextModel.CLIP));
    assertThat(clipFirst.resolve(null, "une fleur rouge", null)).isEqualTo(TextModel.CLIP);
    assertThat(clipFirst.resolve("auto", "une fleur rouge", null))
        .isEqualTo(TextModel.MULTILINGUAL);
  }

  @Test
  void theNegativeTextCountsToo() {
    assertThat(router.resolve(null, null, "la nuit noire et froide"))
        .isEqualTo(TextModel.MULTILINGUAL);
    assertThat(router.resolve(null, null, null)).isNull();
  }
}
