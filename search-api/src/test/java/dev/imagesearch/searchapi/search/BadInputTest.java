package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
        "/api/search?q=cat&sort=random",
        "/api/search?q=cat&pageToken=not-a-token",
        "/api/search?q=cat&pageToken=djE6MTA6NTo5OQ",
        "/api/search?q=cat&tagsMatch=some",
        "/api/search?q=cat&uploadedFrom=yesterday",
        "/api/search?q=cat&minWidth=-3",
        "/api/search?q=cat&hideDuplicates=maybe",
        "/api/search?q=cat&textModel=bert",
        "/api/images/abc/similar",
        "/api/images/abc",
        "/api/images/abc/thumbnail",
        "/api/images/abc/content",
      })
  void badParametersAre400(String uri) {
    expectProblem(http.get().uri(uri).exchange(), HttpStatus.BAD_REQUEST);
  }

  /**
   * Elasticsearch rejects these ranges; they are 400s that name the parameter before it is asked.
   */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "takenFrom, -10000-01-01",
    "takenFrom, +10000-01-01",
    "takenTo, +10000-01-01",
    "takenTo, -0001-12-31",
    "uploadedFrom, -999999999-01-01",
    "uploadedTo, +999999999-12-31",
    "uploadedFrom, +10000-01-01T00:00:00Z",
    "takenFrom, 0000-12-31T23:59:59Z",
  })
  void datesOutsideYears1To9999Are400NamingTheParameter(String name, String value) {
    expectProblem(
            http.get().uri("/api/search?q=cat&{name}={value}", name, value).exchange(),
            HttpStatus.BAD_REQUEST)
        .jsonPath("$.detail")
        .value(
            String.class,
            detail -> assertThat(detail).startsWith(name).contains("0001-01-01 to 9999-12-31"));
  }

  /** The range's ends are ones Elasticsearch reads. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "takenFrom=0001-01-01&takenTo=9999-12-31",
        "uploadedFrom=0001-01-01T00:00:00Z&uploadedTo=9999-12-31T23:59:59.999Z",
      })
  void theFirstAndLastDaysOfTheRangeAreSearched(String range) {
    http.get()
        .uri("/api/search?q=cat&" + range)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.hits")
        .isArray();
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
    http.get()
        .uri("/api/search?q={q}", "a".repeat(1000))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.hits")
        .isArray();
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
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(semantic.hits().stream().map(ImageHit::id).toList());
  }

  /** The check above can fail: the plain word does match by words. */
  @Test
  void aPlainWordDoesMatchByWords() {
    var hybrid = search("/api/search?q={q}&mode=hybrid&k=200", "picture");

    assertThat(hybrid.hits()).filteredOn(ImageHit::lexicalMatch).hasSize(Corpus.SIZE - 1);
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

  /** Spring reads a part's Content-Type while parsing the body; a malformed one was a 500. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text/plain; charset=utf-7", "image/png; charset=bogus", "???"})
  void aMalformedPartContentTypeIs400(String partType) {
    byte[] head =
        ("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: "
                + partType
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] png = TestImages.png(5, 64, 64);
    byte[] tail = "\r\n--xyz--\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] body =
        ByteBuffer.allocate(head.length + png.length + tail.length)
            .put(head)
            .put(png)
            .put(tail)
            .array();
    expectProblem(
            http.post()
                .uri("/api/search")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
                .bodyValue(body)
                .exchange(),
            HttpStatus.BAD_REQUEST)
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains(partType, "Content-Type"));
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
