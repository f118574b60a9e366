package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters are applied inside the kNN search: with k covering the index, exactly the matching
 * indexed images come back, and a small page is still full. With {@code k = 2} a query ranks a
 * window of 20 of the {@value Corpus#SIZE} images, so filtering the window after the kNN would
 * leave short pages where the matches rank low.
 */
class FilterTest extends SearchApiTestBase {
  static Stream<Arguments> filters() {
    Instant upFrom = Corpus.UPLOADED.plus(5, ChronoUnit.DAYS);
    Instant upTo = Corpus.UPLOADED.plus(12, ChronoUnit.DAYS);
    Instant takenFrom = Corpus.TAKEN.plus(10, ChronoUnit.DAYS);
    Instant takenTo = Corpus.TAKEN.plus(10, ChronoUnit.DAYS);
    Instant takenFromDay5 = Corpus.TAKEN.plus(5, ChronoUnit.DAYS);
    return Stream.of(
        filter("collection=beta", d -> "beta".equals(d.facts().collection())),
        filter("tags=five", d -> d.facts().tags().contains("five")),
        filter(
            "tags=even,five",
            d -> d.facts().tags().contains("even") || d.facts().tags().contains("five")),
        filter(
            "tags=even,five&tagsMatch=all",
            d -> d.facts().tags().contains("even") && d.facts().tags().contains("five")),
        filter("contentType=image/png", d -> true),
        filter("contentType=image/jpeg", d -> false),
        filter(
            "uploadedFrom=" + upFrom + "&uploadedTo=" + upTo,
            d -> !d.facts().uploadedAt().isBefore(upFrom) && !d.facts().uploadedAt().isAfter(upTo)),
        filter(
            "uploadedTo=2024-01-03",
            d -> d.facts().uploadedAt().isBefore(Instant.parse("2024-01-04T00:00:00Z"))),
        filter(
            "takenFrom=" + takenFrom, d -> d.takenAt() != null && !d.takenAt().isBefore(takenFrom)),
        filter("takenTo=" + takenTo, d -> d.takenAt() != null && !d.takenAt().isAfter(takenTo)),
        filter(
            "takenFrom=" + takenFromDay5 + "&takenTo=" + takenTo,
            d ->
                d.takenAt() != null
                    && !d.takenAt().isBefore(takenFromDay5)
                    && !d.takenAt().isAfter(takenTo)),
        filter("minWidth=100", d -> d.facts().width() >= 100),
        filter("hideDuplicates=true", d -> d.duplicateOf() == null),
        filter(
            "collection=alpha&minWidth=80&hideDuplicates=true",
            d ->
                "alpha".equals(d.facts().collection())
                    && d.facts().width() >= 80
                    && d.duplicateOf() == null));
  }

  private static Arguments filter(String query, Predicate<ImageDocument> expected) {
    return Arguments.of(query, expected);
  }

  @ParameterizedTest
  @MethodSource("filters")
  void imageQueriesReturnExactlyTheMatchingImages(
      String filter, Predicate<ImageDocument> expected) {
    var response = searchByImage(corpus.entry(3).bytes(), "/api/search?k=200&" + filter);

    List<String> matching =
        corpus.entries().stream()
            .map(Corpus.Entry::doc)
            .filter(expected)
            .map(ImageDocument::id)
            .toList();
    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyInAnyOrderElementsOf(matching);
  }

  /** Image i was taken on day i after {@link Corpus#TAKEN}, except every fourth (no takenAt). */
  @Test
  void takenToKeepsImagesTakenUpToItAndNoUndatedOnes() {
    var response =
        searchByImage(
            corpus.entry(3).bytes(),
            "/api/search?k=200&takenTo={to}",
            Corpus.TAKEN.plus(10, ChronoUnit.DAYS));

    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.of(1, 2, 3, 5, 6, 7, 9, 10).mapToObj(i -> corpus.entry(i).id()).toList());
  }

  @ParameterizedTest
  @MethodSource("filters")
  void textQueriesFilterTooAndSmallPagesStayFull(String filter, Predicate<ImageDocument> expected) {
    float[] text = bean(EmbeddingModels.class).clip().embedText("a photo");
    List<String> best = corpus.bruteForce(VectorModel.CLIP, text, Metric.COSINE, expected);

    // The expected ranking is CLIP's: the language guess of `auto` is not what this test is about.
    var response = search("/api/search?q=a photo&textModel=clip&mode=semantic&k=2&" + filter);

    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(best.subList(0, Math.min(2, best.size())));
  }

  /**
   * Images 13 to 16 (by upload day) all rank below the window of 20 that {@code k = 2} gives "a
   * photo": post-filtering would answer an empty page.
   */
  @Test
  void aFilterMatchingOnlyFarImagesStillFillsThePage() {
    int k = 2;
    int window = bean(SearchProperties.class).window(k);
    Instant from = Corpus.UPLOADED.plus(13, ChronoUnit.DAYS);
    Instant to = Corpus.UPLOADED.plus(16, ChronoUnit.DAYS);
    Predicate<ImageDocument> far =
        d -> !d.facts().uploadedAt().isBefore(from) && !d.facts().uploadedAt().isAfter(to);
    float[] text = bean(EmbeddingModels.class).clip().embedText("a photo");
    List<String> unfiltered = corpus.bruteForce(VectorModel.CLIP, text, Metric.COSINE, d -> true);
    assertThat(window).isLessThan(Corpus.SIZE);
    assertThat(unfiltered.subList(0, window))
        .as("precondition: no image the filter keeps is in the unfiltered window")
        .noneMatch(id -> far.test(corpus.doc(id)));

    var response =
        search(
            "/api/search?q=a photo&textModel=clip&mode=semantic&k={k}"
                + "&uploadedFrom={from}&uploadedTo={to}",
            k,
            from,
            to);

    assertThat(response.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(
            corpus.bruteForce(VectorModel.CLIP, text, Metric.COSINE, far).subList(0, k));
  }

  @ParameterizedTest
  @MethodSource("filters")
  void failedImagesNeverAppear(String filter, Predicate<ImageDocument> expected) {
    var response = search("/api/search?q=a red bicycle&k=200&" + filter);

    assertThat(response.hits()).extracting(ImageHit::id).doesNotContain(corpus.failed().id());
    assertThat(response.hits())
        .allSatisfy(hit -> assertThat(expected.test(corpus.doc(hit.id()))).isTrue());
  }
}
