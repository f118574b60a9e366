package dev.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderTest {
  /** The parity fixtures: every supported format and the odd cases, shared with embedding. */
  private static final Path IMAGES =
      Path.of(
          System.getProperty("imagesearch.repo.dir", ".."),
          "embedding/src/test/resources/parity/images");

  private final ImageDecoder decoder = new ImageDecoder();

  private static byte[] read(String name) throws Exception {
    return Files.readAllBytes(IMAGES.resolve(name));
  }

  @ParameterizedTest
  @CsvSource({
    "photo_baseline.jpg, JPEG, 640, 480",
    "photo_progressive.jpg, JPEG, 500, 375",
    "cmyk.jpg, JPEG, 320, 240",
    "gray16.png, PNG, 200, 150",
    "photo_lossless.webp, WEBP, 180, 140",
    "photo_lossy.webp, WEBP, 300, 220",
    "animated.gif, GIF, 200, 200",
    "photo.bmp, BMP, 151, 101",
    "photo_lzw.tiff, TIFF, 180, 130",
    "exif_orientation6.jpg, JPEG, 400, 240",
    "wide_5000x300.jpg, JPEG, 5000, 300",
    "one_pixel.png, PNG, 1, 1"
  })
  void probeReadsFormatAndSizeFromHeader(String file, ImageFormat format, int w, int h)
      throws Exception {
    ImageInfo info = decoder.probe(read(file));
    assertThat(info).isEqualTo(new ImageInfo(format, w, h));
  }

  @Test
  void exifOrientationTurnsTheImageUpright() throws Exception {
    assertThat(decoder.decode(read("exif_orientation6.jpg")))
        .extracting(RgbImage::width, RgbImage::height)
        .containsExactly(240, 400);
    assertThat(decoder.decode(read("exif_orientation3.jpg")))
        .extracting(RgbImage::width, RgbImage::height)
        .containsExactly(400, 240);
  }

  @Test
  void alphaIsCompositedOnWhite() throws Exception {
    // alpha_rgba.png: alpha grows from 0 at the left edge, so column 0 is pure white.
    RgbImage image = decoder.decode(read("alpha_rgba.png"));
    for (int c = 0; c < 3; c++) {
      assertThat(image.sample(0, 10, c)).isEqualTo(255);
    }
    assertThat(image.sample(199, 10, 0)).isLessThan(255);
  }

  @Test
  void grayscaleBecomesEqualChannels() throws Exception {
    RgbImage image = decoder.decode(read("gray16.png"));
    assertThat(image.sample(7, 9, 0)).isEqualTo(image.sample(7, 9, 1));
    assertThat(image.sample(7, 9, 1)).isEqualTo(image.sample(7, 9, 2));
  }

  @Test
  void emptyAndTextAreNotImages() {
    assertReason(new byte[0], Reason.NOT_AN_IMAGE);
    assertReason("hello, I am text".getBytes(StandardCharsets.UTF_8), Reason.NOT_AN_IMAGE);
  }

  @Test
  void knownButUnsupportedFormatsSaySo() {
    assertReason(
        "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
        Reason.UNSUPPORTED_FORMAT);
    byte[] heic = new byte[32];
    System.arraycopy("ftypheic".getBytes(StandardCharsets.US_ASCII), 0, heic, 4, 8);
    assertReason(heic, Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void truncatedFilesAreReported() throws Exception {
    byte[] jpeg = read("photo_baseline.jpg");
    assertReason(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.TRUNCATED);
    byte[] png = read("gray.png");
    assertReason(Arrays.copyOf(png, png.length / 2), Reason.TRUNCATED);
  }

  @Test
  void pixelLimitIsCheckedFromTheHeaderBeforeDecoding() throws Exception {
    // A 100000 x 100000 PNG header with no pixel data: decoding it would need 30 GB.
    byte[] bomb = pngHeader(100_000, 100_000);
    assertReason(bomb, Reason.TOO_MANY_PIXELS);
    assertThatThrownBy(() -> decoder.probe(bomb))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
    ImageDecoder strict = new ImageDecoder(1000);
    assertThatThrownBy(() -> strict.decode(read("photo_baseline.jpg")))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> assertThat(e.getMessage()).contains("640x480").contains("limit"));
  }

  @Test
  void zeroSizedImagesAreRejected() throws Exception {
    assertReason(pngHeader(0, 10), Reason.ZERO_SIZED);
  }

  /** The pixel limit is inclusive; the cost rule then refuses what would not fit, per format. */
  @Test
  void theCostRuleRefusesFromTheHeaderWhatCouldNotBeProcessed() throws Exception {
    ImageDecoder ingest = new ImageDecoder(64_000_000);
    assertThat(ingest.probe(pngHeader(8000, 8000, 8, 2)).pixels()).isEqualTo(64_000_000);
    assertThat(ingest.cost(pngHeader(8000, 8000, 8, 2)))
        .as("8-bit RGB: 3 B/px, decoded in place, plus the downscaling working set")
        .isBetween(192_000_000L, 200_000_000L);
    assertThat(ingest.cost(pngHeader(8000, 8000, 8, 6))).isBetween(448_000_000L, 456_000_000L);
    assertThatThrownBy(() -> ingest.probe(pngHeader(8001, 8000, 8, 2)))
        .hasMessageContaining("limit is 64.0 megapixels");

    // 16-bit RGBA: 8 B/px decoded + 3 B/px RGB = 704 MB at 64 MP, over the 512 MiB limit.
    assertThatThrownBy(() -> ingest.probe(pngHeader(8000, 8000, 16, 6)))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
              assertThat(e.getMessage()).contains("needs 712 MB").contains("limit is 537 MB");
            });
    assertThat(ingest.probe(pngHeader(6000, 6000, 16, 6)).pixels()).isEqualTo(36_000_000);

    // 64 MP in one row: resizing it for the models would need terabytes.
    assertThatThrownBy(() -> ingest.probe(pngHeader(64_000_000, 1, 8, 2)))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
  }

  @ParameterizedTest
  @CsvSource({"zTXt", "iTXt"})
  void compressedPngTextIsNeverInflated(String type) throws Exception {
    byte[] png = withTextBomb(read("gray.png"), type, 300_000_000);
    assertThat(png.length).isLessThan(1_000_000);
    long allocated =
        DecodeCostTest.largeAllocations(
            () -> {
              decoder.probe(png);
              decoder.decode(png);
              ExifDirectories.exif(png);
            });
    assertThat(allocated).isLessThan(10_000_000);
  }

  /** F7: decoder internals such as {@code index >= numImages (0 >= 0)} stay in the cause. */
  @Test
  void messagesAreTheTypedReasonsPlainWords() throws Exception {
    byte[] noFrames = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B};
    byte[] noIfd = {'I', 'I', 42, 0, 0, 0, 0, 0}; // once "index >= numImages (0 >= 0)"
    byte[] badBmp = Arrays.copyOf(new byte[] {'B', 'M'}, 40);
    byte[] noSof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    for (byte[] bad : List.of(noFrames, noIfd, badBmp, noSof)) {
      assertThatThrownBy(() -> decoder.decode(bad))
          .isInstanceOfSatisfying(
              ImageDecodeException.class,
              e ->
                  assertThat(e.getMessage())
                      .matches(
                          "The (JPEG|GIF|TIFF|BMP) image is (damaged and cannot be decoded|truncated)\\.")
                      .doesNotContain("index", "numImages", "Exception"));
    }
  }

  private static byte[] withTextBomb(byte[] png, String type, int inflated) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
    deflater.setInput(new byte[inflated]);
    deflater.finish();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
    text.writeBytes(type.equals("iTXt") ? new byte[] {0, 1, 0, 0, 0} : new byte[] {0, 0});
    byte[] buffer = new byte[1 << 16];
    while (!deflater.finished()) {
      text.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33); // signature and IHDR
    out.writeBytes(chunk(type, text.toByteArray()));
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  private void assertReason(byte[] data, Reason reason) {
    assertThatThrownBy(() -> decoder.decode(data))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  private static byte[] pngHeader(int width, int height) throws Exception {
    return pngHeader(width, height, 8, 2);
  }

  /** A PNG signature and IHDR only: no pixel data. Colour type 2 is RGB, 6 RGBA. */
  private static byte[] pngHeader(int width, int height, int bitDepth, int colourType)
      throws Exception {
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(ihdr);
    c.writeInt(width);
    c.writeInt(height);
    c.write(new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    bytes.write(chunk("IHDR", ihdr.toByteArray()));
    return bytes.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] typed = new byte[4 + data.length];
    System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, typed, 0, 4);
    System.arraycopy(data, 0, typed, 4, data.length);
    CRC32 crc = new CRC32();
    crc.update(typed);
    bytes.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    bytes.writeBytes(typed);
    bytes.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return bytes.toByteArray();
  }
}
