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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(chunk);
    c.writeBytes("IHDR");
    c.writeInt(width);
    c.writeInt(height);
    c.write(new byte[] {8, 2, 0, 0, 0});
    byte[] body = chunk.toByteArray();
    out.writeInt(body.length - 4);
    out.write(body);
    CRC32 crc = new CRC32();
    crc.update(body);
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
