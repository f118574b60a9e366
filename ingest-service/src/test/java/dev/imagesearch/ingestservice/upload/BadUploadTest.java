package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.testsupport.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;

/** Every kind of bad input gets its own status and a reason a person can act on, never a 500. */
class BadUploadTest extends IngestApiTestBase {

  static Stream<Arguments> badFiles() {
    byte[] jpeg = TestImages.jpeg(64, 64);
    byte[] oversized = Arrays.copyOf(jpeg, 1024 * 1024 + 1);
    return Stream.of(
        Arguments.of("zero bytes", "empty.jpg", new byte[0], 400, "empty"),
        Arguments.of(
            "text named .jpg",
            "notes.jpg",
            ascii("shopping list: milk, eggs\n"),
            415,
            "not an image"),
        Arguments.of(
            "PNG claiming 100000 x 100000",
            "bomb.png",
            pngWithSize(100_000, 100_000),
            422,
            "pixel"),
        Arguments.of("PNG claiming 0 x 0", "nothing.png", pngWithSize(0, 0), 422, "no pixels"),
        Arguments.of(
            "JPEG cut inside its header", "cut.jpg", Arrays.copyOf(jpeg, 40), 422, "truncated"),
        Arguments.of(
            "GIF signature only", "cut.gif", ascii("GIF89a\u0001"), 422, "GIF image is truncated"),
        Arguments.of(
            "WebP cut after its signature",
            "cut.webp",
            ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "),
            422,
            "WEBP image is truncated"),
        Arguments.of(
            "HTML",
            "page.jpg",
            ascii("<!doctype html><html><body>hello</body></html>"),
            415,
            "not an image"),
        Arguments.of(
            "SVG",
            "logo.svg",
            ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"),
            415,
            "SVG"),
        Arguments.of(
            "PDF", "scan.jpg", ascii("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), 415, "not an image"),
        Arguments.of(
            "ZIP",
            "photos.zip",
            ascii("PK\u0003\u0004\u0014\u0000\u0000\u0000"),
            415,
            "not an image"),
        Arguments.of(
            "HEIC",
            "phone.heic",
            ascii("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000"),
            415,
            "HEIC"),
        // Whole files made by libheif's heif-enc 1.15 (x265 and aom), as phones write them.
        Arguments.of(
            "real HEIC", "IMG_0001.HEIC", resource("phone/photo.heic"), 415, "HEIC images"),
        Arguments.of("real AVIF", "photo.avif", resource("phone/photo.avif"), 415, "AVIF images"),
        Arguments.of("ICO", "favicon.ico", new byte[] {0, 0, 1, 0, 1, 0, 16, 16}, 415, "ICO"),
        Arguments.of("random bytes", "noise.bin", randomBytes(), 415, "not an image"),
        Arguments.of("over the size limit", "huge.jpg", oversized, 413, "1 MB limit"));
  }

  private static byte[] resource(String name) {
    try (var in = BadUploadTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("badFiles")
  void refusesABadFileWithItsOwnStatusAndReason(
      String description, String filename, byte[] bytes, int status, String reasonFragment) {
    post(files(Map.of(filename, bytes)))
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status)
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).containsIgnoringCase(reasonFragment))
        .jsonPath("$.results[0].status")
        .isEqualTo("rejected")
        .jsonPath("$.results[0].filename")
        .isEqualTo(filename);
  }

  static Stream<Arguments> badRequests() {
    byte[] jpeg = TestImages.jpeg(8, 8);
    MultipartBodyBuilder noFile = new MultipartBodyBuilder();
    noFile.part("collection", "x");
    MultipartBodyBuilder wrongPart = new MultipartBodyBuilder();
    wrongPart.part("image", resource("a.jpg", jpeg));
    MultipartBodyBuilder tooMany = new MultipartBodyBuilder();
    for (int i = 0; i < 6; i++) {
      tooMany.part("file", resource(i + ".jpg", TestImages.jpeg(8, 8)));
    }
    MultipartBodyBuilder unknownField = files(Map.of("a.jpg", jpeg));
    unknownField.part("tag", "typo");
    MultipartBodyBuilder longTag = files(Map.of("a.jpg", jpeg));
    longTag.part("tags", "x".repeat(51));
    MultipartBodyBuilder longCaption = files(Map.of("a.jpg", jpeg));
    longCaption.part("caption", "x".repeat(2001));
    return Stream.of(
        Arguments.of("no file part", noFile, "parts named 'file'"),
        Arguments.of("a file in another part", wrongPart, "not 'image'"),
        Arguments.of("more files than allowed", tooMany, "at most 5"),
        Arguments.of("an unknown field", unknownField, "Unknown field 'tag'"),
        Arguments.of("a tag too long", longTag, "tag is longer than 50"),
        Arguments.of("a caption too long", longCaption, "caption is longer than 2000"));
  }

  @ParameterizedTest(name = "{0} -> 400")
  @MethodSource("badRequests")
  void refusesABadRequestAsAWhole(
      String description, MultipartBodyBuilder body, String reasonFragment) {
    post(body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains(reasonFragment));
  }

  @Test
  void refusesABodyThatIsNotMultipart() {
    http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"file\":\"abc\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .returnResult();
  }

  @Test
  void refusesAMultipartBodyWithoutParts() {
    http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
        .bodyValue("--xyz--\r\n")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .returnResult();
  }

  /** Spring reads a part's Content-Type while parsing the body; a malformed one was a 500. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text/plain; charset=utf-7", "image/jpeg; charset=bogus", "???"})
  void aMalformedPartContentTypeIs400(String partType) {
    http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
        .bodyValue(onePart(partType, TestImages.jpeg(8, 8)))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains(partType, "Content-Type"));
  }

  /** A multipart body written by hand: Spring's own writer would not send a malformed type. */
  private static byte[] onePart(String contentType, byte[] bytes) {
    byte[] head =
        ascii(
            "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: "
                + contentType
                + "\r\n\r\n");
    byte[] tail = ascii("\r\n--xyz--\r\n");
    return ByteBuffer.allocate(head.length + bytes.length + tail.length)
        .put(head)
        .put(bytes)
        .put(tail)
        .array();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    bytes[0] = 0x13; // no image signature starts with this byte
    return bytes;
  }

  /** A well-formed PNG whose header claims other dimensions (with a correct CRC). */
  static byte[] pngWithSize(int width, int height) {
    byte[] png = TestImages.png(1, 1);
    ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    return png;
  }
}
