package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

/**
 * textModel=clip|multilingual|auto on text and combined queries. The stand-ins are not semantic:
 * these tests check which encoder ranked a query, not that its results are good.
 */
class TextModelTest extends SearchApiTestBase {
  private static final String FRENCH = "une fleur rouge sur la plage";
  private static final String ENGLISH = "a red flower on the beach";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({FRENCH + ", multilingual", ENGLISH + ", clip"})
  void autoRanksByTheEncoderOfTheQuerysLanguage(String text, String expected) {
    float[] vector =
        expected.equals("clip")
            ? bean(EmbeddingModels.class).clip().embedText(text)
            : bean(MultilingualTextModel.class).embedText(text);

    var response = search("/api/search?q={q}&mode=semantic&k=200", text);

    assertThat(response.textModel()).isEqualTo(expected);
    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(
            corpus.bruteForce(VectorModel.CLIP, vector, Metric.COSINE, d -> true));
  }

  @Test
  void aNamedTextModelOverridesTheLanguage() {
    assertThat(search("/api/search?q={q}&textModel=clip", FRENCH).textModel()).isEqualTo("clip");
    assertThat(search("/api/search?q={q}&textModel=MULTILINGUAL", ENGLISH).textModel())
        .isEqualTo("multilingual");
  }

  @Test
  void hybridWordMatchingIsUnchanged() {
    String captioned = corpus.entry(7).id();

    var response = search("/api/search?q=bicycle&textModel=multilingual&k=200");

    assertThat(response.mode()).isEqualTo("hybrid");
    assertThat(response.textModel()).isEqualTo("multilingual");
    assertThat(response.hits().getFirst().id()).isEqualTo(captioned);
    assertThat(response.hits().getFirst().lexicalMatch()).isTrue();
  }

  @Test
  void combinedQueriesSayWhichTextModelEncodedTheirTexts() {
    var withText = withImage(corpus.entry(3).bytes());
    withText.part("q", FRENCH);
    withText.part("negative", "la nuit");
    assertThat(postOk(withText).textModel()).isEqualTo("multilingual");

    var named = withImage(corpus.entry(3).bytes());
    named.part("q", FRENCH);
    named.part("textModel", "clip");
    assertThat(postOk(named).textModel()).isEqualTo("clip");

    assertThat(postOk(withImage(corpus.entry(3).bytes())).textModel()).isNull();
  }

  @Test
  void anUnknownTextModelIs400EvenWithoutText() {
    var body = withImage(corpus.entry(3).bytes());
    body.part("textModel", "bert");
    post(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(d -> assertThat(d.toString()).contains("clip, multilingual or auto"));
  }
}
