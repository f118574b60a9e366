package dev.imagesearch.searchapi.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.searchapi.search.ImageHit;
import dev.imagesearch.searchapi.search.Metric;
import dev.imagesearch.searchapi.search.VectorMath;
import dev.imagesearch.searchapi.search.VectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarTest extends SearchApiTestBase {
  @ParameterizedTest
  @CsvSource({"vgg16,cosine", "vgg16,l1", "clip,l2", "clip,l1"})
  void ranksOthersByTheStoredVectorLeavingItselfOut(String model, String metric) {
    Corpus.Entry entry = corpus.entry(9);
    VectorModel vectorModel = VectorModel.parse(model, null);
    float[] stored = Corpus.vector(vectorModel, entry.doc());

    var response =
        search(
            "/api/images/{id}/similar?model={m}&metric={metric}&k=200", entry.id(), model, metric);

    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(
            corpus.bruteForce(
                vectorModel, stored, Metric.parse(metric), d -> !d.id().equals(entry.id())));
    ImageHit first = response.hits().getFirst();
    double expected =
        switch (Metric.parse(metric)) {
          case COSINE -> VectorMath.dot(stored, Corpus.vector(vectorModel, corpus.doc(first.id())));
          case L2 -> VectorMath.l2(stored, Corpus.vector(vectorModel, corpus.doc(first.id())));
          case L1 -> VectorMath.l1(stored, Corpus.vector(vectorModel, corpus.doc(first.id())));
        };
    assertThat(first.score()).isCloseTo(expected, within(1e-4));
  }

  @Test
  void appliesFilters() {
    var response = search("/api/images/{id}/similar?collection=gamma&k=200", corpus.entry(9).id());

    assertThat(response.hits())
        .isNotEmpty()
        .allSatisfy(
            hit -> assertThat(corpus.doc(hit.id()).facts().collection()).isEqualTo("gamma"));
  }

  @Test
  void unknownAndFailedImagesAre404AndBadIds400() {
    http.get()
        .uri("/api/images/{id}/similar", "0".repeat(64))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/images/{id}/similar", corpus.failed().id())
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/images/{id}/similar", "../../etc/passwd")
        .exchange()
        .expectStatus()
        .is4xxClientError()
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/images/{id}/similar", "xyz")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
  }
}
