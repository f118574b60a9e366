package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.searchapi.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every malformed request is a 4xx problem+json that says what to fix; nothing reaches ES raw. */
class BadInputTest extends SearchApiTestBase {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search",
        "/api/search?q=",
        "/api/search?q=cat&k=0",
        "/api/search?q=cat&k=201",
        "/api/search?q=cat&k=ten",
        "/api/search?q=cat&model=resnet",
        "/api/search?q=cat&model=vgg16",
        "/api/search?q=cat&metric=hamming",
        "/api/search?q=cat&mode=fuzzy",
        "/api/search?q=cat&pageToken=not-a-token",
        "/api/search?q=cat&pageToken=djE6MTA6NTo5OQ",
        "/api/search?q=cat&tagsMatch=some",
        "/api/search?q=cat&uploadedFrom=yesterday",
        "/api/search?q=cat&minWidth=-3",
        "/api/search?q=cat&hideDuplicates=maybe",
        "/api/images/abc/similar",
        "/api/images/abc",
        "/api/images/abc/thumbnail",
        "/api/images/abc/content",
      })
  void badParametersAre400(String uri) {
    expectProblem(http.get().uri(uri).exchange(), HttpStatus.BAD_REQUEST);
  }

  @Test
  void blankTextIs400() {
    expectProblem(http.get().uri("/api/search?q={q}", "   ").exchange(), HttpStatus.BAD_REQUEST);
    var blank = new MultipartBodyBuilder();
    blank.part("q", "  ");
    expectProblem(post(blank), HttpStatus.BAD_REQUEST);
  }

  @Test
  void overLongTextIs400ButTheLimitItselfIsFine() {
    expectProblem(
        http.get().uri("/api/search?q={q}", "a".repeat(1001)).exchange(), HttpStatus.BAD_REQUEST);
    http.get().uri("/api/search?q={q}", "a".repeat(1000)).exchange().expectStatus().isOk();
  }

  /**
   * Read as query DSL, Lucene or simple query syntax, or a script, each of these matches every
   * image or most of them. As words they match no caption, file name or tag, so hybrid must find
   * nothing by words and rank exactly as the vector alone does.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "*:*",
        "*",
        "pictur*",
        "-xyz",
        "{\"match_all\":{}}",
        "_id:xyz OR *",
        "caption:picture",
        "tags:even OR caption:*",
        "{\"script\":{\"script\":{\"source\":\"return true\"}}}",
        "{\"bool\":{\"should\":[{\"exists\":{\"field\":\"caption\"}}]}}",
      })
  void userTextIsOnlyEverWordsAndAVector(String text) {
    var hybrid = search("/api/search?q={q}&mode=hybrid&k=200", text);
    var semantic = search("/api/search?q={q}&mode=semantic&k=200", text);

    assertThat(hybrid.hits())
        .isNotEmpty()
        .noneMatch(hit -> Boolean.TRUE.equals(hit.lexicalMatch()));
    assertThat(hybrid.hits())
        .extracting(Hit::id)
        .containsExactlyElementsOf(semantic.hits().stream().map(Hit::id).toList());
  }

  /** The check above can fail: the plain word does match by words. */
  @Test
  void aPlainWordDoesMatchByWords() {
    var hybrid = search("/api/search?q={q}&mode=hybrid&k=200", "picture");

    assertThat(hybrid.hits()).filteredOn(Hit::lexicalMatch).hasSize(Corpus.SIZE - 1);
  }

  @Test
  void badImagesAreAnsweredLikeIngest() {
    expectProblem(post(withImage("just some text".getBytes())), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    byte[] png = TestImages.png(5, 64, 64);
    expectProblem(
        post(withImage(Arrays.copyOf(png, png.length / 2))), HttpStatus.UNPROCESSABLE_CONTENT);
    byte[] big = new byte[300 * 1024];
    System.arraycopy(png, 0, big, 0, png.length);
    expectProblem(post(withImage(big)), HttpStatus.CONTENT_TOO_LARGE);
    expectProblem(post(withImage(new byte[0])), HttpStatus.BAD_REQUEST);
  }

  /** The limit is search-api's own (64 megapixels by default), not the decoder's default. */
  @Test
  void anImageWithTooManyPixelsIs422LikeIngest() {
    expectProblem(
            post(withImage(TestImages.pngClaiming(100_000, 100_000))),
            HttpStatus.UNPROCESSABLE_CONTENT)
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains("limit is 64.0 megapixels"));
  }

  @Test
  void badCombinationsAre400() {
    byte[] png = TestImages.png(5, 64, 64);
    var vggWithText = withImage(png);
    vggWithText.part("q", "red");
    vggWithText.part("model", "vgg16");
    expectProblem(post(vggWithText), HttpStatus.BAD_REQUEST);

    var nothing = new MultipartBodyBuilder();
    nothing.part("metric", "l2");
    expectProblem(post(nothing), HttpStatus.BAD_REQUEST);

    var negativeOnly = new MultipartBodyBuilder();
    negativeOnly.part("negative", "red");
    expectProblem(post(negativeOnly), HttpStatus.BAD_REQUEST);

    var wrongPart = new MultipartBodyBuilder();
    wrongPart.part(
        "file",
        new org.springframework.core.io.ByteArrayResource(png) {
          @Override
          public String getFilename() {
            return "x.png";
          }
        });
    expectProblem(post(wrongPart), HttpStatus.BAD_REQUEST);

    var cancelled = withImage(png);
    cancelled.part("imageWeight", "0");
    expectProblem(post(cancelled), HttpStatus.BAD_REQUEST);

    var badWeight = withImage(png);
    badWeight.part("imageWeight", "-1");
    expectProblem(post(badWeight), HttpStatus.BAD_REQUEST);
  }

  private static WebTestClient.BodyContentSpec expectProblem(
      WebTestClient.ResponseSpec response, HttpStatus status) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status.value())
        .jsonPath("$.detail")
        .isNotEmpty();
  }
}
