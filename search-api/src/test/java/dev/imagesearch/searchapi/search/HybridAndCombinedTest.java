package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridAndCombinedTest extends SearchApiTestBase {
  @Test
  void semanticTextQueriesRankByTheClipTextVector() {
    float[] text = bean(EmbeddingModels.class).clip().embedText("a red bicycle");

    var response = search("/api/search?q=a red bicycle&mode=semantic&k=200");

    assertThat(response.mode()).isEqualTo("semantic");
    assertThat(response.model()).isEqualTo("clip");
    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(
            corpus.bruteForce(VectorModel.CLIP, text, Metric.COSINE, d -> true));
  }

  @Test
  void hybridFusesWordMatchesWithTheVectorRanking() {
    float[] text = bean(EmbeddingModels.class).clip().embedText("bicycle");
    List<String> semantic = corpus.bruteForce(VectorModel.CLIP, text, Metric.COSINE, d -> true);
    String captioned = corpus.entry(7).id();

    var response = search("/api/search?q=bicycle&k=200");

    assertThat(response.mode()).isEqualTo("hybrid");
    // Expected RRF: the captioned image is first in the word ranking and somewhere in the vector
    // one.
    double expected = 1.0 / 61 + 1.0 / (61 + semantic.indexOf(captioned));
    ImageHit hit =
        response.hits().stream().filter(h -> h.id().equals(captioned)).findFirst().orElseThrow();
    assertThat(hit.lexicalMatch()).isTrue();
    assertThat(hit.rrf()).isCloseTo(expected, within(1e-9));
    assertThat(response.hits().getFirst().id()).isEqualTo(captioned);
    assertThat(hit.score())
        .isCloseTo(VectorMath.dot(text, corpus.doc(captioned).clip()), within(1e-4));
    assertThat(response.hits())
        .filteredOn(h -> !h.id().equals(captioned))
        .allSatisfy(h -> assertThat(h.lexicalMatch()).isFalse());
    // Scores of hits the kNN found come from its score, not from the stored vector: same value.
    assertThat(response.hits())
        .allSatisfy(
            h ->
                assertThat(h.score())
                    .isCloseTo(VectorMath.dot(text, corpus.doc(h.id()).clip()), within(1e-4)));
    assertThat(response.hits()).extracting(ImageHit::id).doesNotContain(corpus.failed().id());
  }

  /** "five" is a tag only: no caption or file name has the word. */
  @Test
  void hybridMatchesWordsOnTags() {
    List<String> tagged =
        corpus.entries().stream()
            .map(Corpus.Entry::id)
            .filter(id -> corpus.doc(id).facts().tags().contains("five"))
            .toList();
    assertThat(tagged).hasSize(6);

    var hybrid = search("/api/search?q=five&mode=hybrid&k=200");
    var semantic = search("/api/search?q=five&mode=semantic&k=200");

    assertThat(hybrid.hits())
        .filteredOn(ImageHit::lexicalMatch)
        .extracting(ImageHit::id)
        .containsExactlyInAnyOrderElementsOf(tagged);
    assertThat(semantic.hits()).extracting(ImageHit::id).containsAll(tagged);
    assertThat(semantic.hits()).allSatisfy(h -> assertThat(h.lexicalMatch()).isNull());
  }

  /**
   * "7" is a word of image 7's file name ({@code image-7.png}) only: its caption is about a
   * bicycle, and no other caption, file name or tag has the word.
   */
  @Test
  void hybridMatchesWordsOfFileNames() {
    String named = corpus.entry(7).id();
    assertThat(corpus.doc(named).facts().filename()).isEqualTo("image-7.png");

    var hybrid = search("/api/search?q=7&mode=hybrid&k=200");
    var semantic = search("/api/search?q=7&mode=semantic&k=200");

    assertThat(hybrid.hits())
        .filteredOn(ImageHit::lexicalMatch)
        .extracting(ImageHit::id)
        .containsExactly(named);
    ImageHit hit =
        semantic.hits().stream().filter(h -> h.id().equals(named)).findFirst().orElseThrow();
    assertThat(hit.lexicalMatch()).isNull();
  }

  @Test
  void combinesImageTextAndNegativeAsANormalisedWeightedSumInClipSpace() throws Exception {
    EmbeddingModels models = bean(EmbeddingModels.class);
    Corpus.Entry entry = corpus.entry(4);
    float[] image = models.clip().embedImage(new ImageDecoder().decode(entry.bytes()));
    float[] blue = models.clip().embedText("blue");
    float[] sleeves = models.clip().embedText("long sleeves");
    float[] expected = new float[image.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) (0.8 * image[i] + 1.5 * blue[i] - 0.7 * sleeves[i]);
    }
    Vectors.l2Normalize(expected);

    var body = withImage(entry.bytes());
    body.part("q", "blue");
    body.part("negative", "long sleeves");
    body.part("imageWeight", "0.8");
    body.part("textWeight", "1.5");
    body.part("negativeWeight", "0.7");
    body.part("k", "200");
    var response = postOk(body);

    assertThat(response.model()).isEqualTo("clip");
    assertThat(response.mode()).isEqualTo("semantic");
    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(
            corpus.bruteForce(VectorModel.CLIP, expected, Metric.COSINE, d -> true));
    ImageHit first = response.hits().getFirst();
    assertThat(first.score())
        .isCloseTo(VectorMath.dot(expected, corpus.doc(first.id()).clip()), within(1e-4));
  }

  @Test
  void aTextOnlyPostIsATextQuery() {
    var body = new org.springframework.http.client.MultipartBodyBuilder();
    body.part("q", "a red bicycle");
    body.part("mode", "semantic");
    body.part("k", "200");

    var posted = postOk(body);

    var got = search("/api/search?q=a red bicycle&mode=semantic&k=200");
    assertThat(posted.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(got.hits().stream().map(ImageHit::id).toList());
  }
}
