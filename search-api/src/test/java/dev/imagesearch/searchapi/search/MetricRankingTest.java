package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.MultipartBodyBuilder;

/** Each metric's ranking equals exact scoring of every stored vector when k covers the index. */
class MetricRankingTest extends SearchApiTestBase {
  @Autowired EmbeddingModels models;

  @ParameterizedTest
  @CsvSource({
    "vgg16,cosine",
    "vgg16,l2",
    "vgg16,l1",
    "clip,cosine",
    "clip,l2",
    "clip,l1",
  })
  void imageQueryRanksLikeBruteForce(String model, String metric) throws Exception {
    byte[] query = TestImages.png(42, 80, 60);
    VectorModel vectorModel = VectorModel.parse(model, null);
    var rgb = new ImageDecoder().decode(query);
    float[] vector =
        vectorModel == VectorModel.VGG16
            ? models.vgg16().embedImage(rgb)
            : models.clip().embedImage(rgb);

    ResultPage response = post(query, model, metric);

    List<String> expected = corpus.bruteForce(vectorModel, vector, Metric.parse(metric), d -> true);
    assertThat(response.hits()).extracting(ImageHit::id).containsExactlyElementsOf(expected);
    assertThat(response.metric()).isEqualTo(metric);
    for (ImageHit hit : response.hits()) {
      float[] stored = Corpus.vector(vectorModel, corpus.doc(hit.id()));
      double exact =
          switch (Metric.parse(metric)) {
            case COSINE -> VectorMath.dot(vector, stored);
            case L2 -> VectorMath.l2(vector, stored);
            case L1 -> VectorMath.l1(vector, stored);
          };
      assertThat(hit.score()).isCloseTo(exact, within(1e-4));
      assertThat(hit.similarity()).isBetween(0.0, 1.0);
    }
  }

  @ParameterizedTest
  @CsvSource({"vgg16", "clip"})
  void anIndexedImagesOwnBytesComeBackFirstWithCosineOne(String model) {
    Corpus.Entry entry = corpus.entry(11);

    ResultPage response = post(entry.bytes(), model, "cosine");

    ImageHit first = response.hits().getFirst();
    assertThat(first.id()).isEqualTo(entry.id());
    assertThat(first.score()).isCloseTo(1.0, within(1e-4));
    assertThat(first.similarity()).isCloseTo(1.0, within(1e-4));
    assertThat(first.weakMatch()).isFalse();
    assertThat(first.facts().filename()).isEqualTo(entry.doc().facts().filename());
    assertThat(first.thumbnailUrl()).isEqualTo("/api/images/" + entry.id() + "/thumbnail");
  }

  private ResultPage post(byte[] image, String model, String metric) {
    MultipartBodyBuilder body = withImage(image);
    body.part("model", model);
    body.part("metric", metric);
    body.part("k", "200");
    return postOk(body);
  }
}
