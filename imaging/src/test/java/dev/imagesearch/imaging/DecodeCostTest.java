package dev.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cost model against what decoding really holds, per pixel, on generated 3-megapixel images:
 * the large buffers (256 KB and more) the decoding thread allocates, recorded with Flight Recorder.
 * Without rotation they are all alive at once when the raster is converted, so their sum is the
 * peak; the per-row garbage that decoders also make (up to 3 B/px more in all, never alive at once)
 * is left out.
 */
class DecodeCostTest {
  private static final int W = 2000;
  private static final int H = 1500;

  enum Kind {
    RGB8,
    RGBA8,
    GRAY8,
    RGB16,
    RGBA16
  }

  @ParameterizedTest
  @CsvSource({
    "jpeg, RGB8, 3",
    "jpeg, GRAY8, 4",
    "png, RGB8, 3",
    "png, RGBA8, 7",
    "png, GRAY8, 4",
    "png, RGB16, 9",
    "png, RGBA16, 11",
    "bmp, RGB8, 3",
    "tiff, RGB8, 3",
  })
  void theCostModelBoundsWhatDecodingAllocates(String format, Kind kind, int expectedPerPixel)
      throws Exception {
    byte[] bytes = write(image(kind), format);
    ImageDecoder decoder = new ImageDecoder();
    decoder.decode(bytes); // loads the classes, so their allocations are not measured

    RgbImage[] decoded = new RgbImage[1];
    double measured = largeAllocations(() -> decoded[0] = decoder.decode(bytes)) / (double) (W * H);

    ImageInfo info = decoder.probe(bytes);
    double modelled =
        (decoder.cost(bytes) - bytes.length - DecodeCost.downscale(info)) / (double) (W * H);
    System.out.printf(
        Locale.ROOT,
        "decode %-4s %-6s: large buffers %.2f B/px, modelled %.2f B/px%n",
        format,
        kind,
        measured,
        modelled);
    assertThat(decoded[0].width()).isEqualTo(W);
    assertThat(modelled).isEqualTo(expectedPerPixel);
    assertThat(measured).as("never more than modelled").isLessThanOrEqualTo(modelled + 0.05);
    assertThat(measured).as("the model is not too cautious").isGreaterThan(modelled - 0.1);
  }

  interface Work {
    void run() throws Exception;
  }

  /** Bytes of the allocations of 256 KB or more that {@code work} makes on this thread. */
  static long largeAllocations(Work work) throws Exception {
    Path file = Files.createTempFile("allocations", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ObjectAllocationOutsideTLAB").withoutStackTrace();
      recording.enable("jdk.ObjectAllocationInNewTLAB").withoutStackTrace();
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
      long thread = Thread.currentThread().threadId();
      long sum = 0;
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        long size = event.getLong("allocationSize");
        if (event.getThread() != null
            && event.getThread().getJavaThreadId() == thread
            && size >= 256 * 1024) {
          sum += size;
        }
      }
      return sum;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static byte[] write(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no " + format + " writer for " + image);
    }
    return out.toByteArray();
  }

  /** A gradient with some detail, so the codecs have something to do. */
  static BufferedImage image(Kind kind) {
    BufferedImage image =
        switch (kind) {
          case RGB8 -> new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
          case RGBA8 -> new BufferedImage(W, H, BufferedImage.TYPE_4BYTE_ABGR);
          case GRAY8 -> new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
          case RGB16, RGBA16 -> sixteenBit(kind == Kind.RGBA16);
        };
    WritableRaster raster = image.getRaster();
    int bands = raster.getNumBands();
    int max = raster.getSampleModel().getSampleSize(0) == 16 ? 65535 : 255;
    int[] row = new int[W * bands];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int b = 0; b < bands; b++) {
          row[x * bands + b] = (int) ((long) max * ((x * (b + 1) + y) % 511) / 511);
        }
      }
      raster.setPixels(0, y, W, 1, row);
    }
    return image;
  }

  private static BufferedImage sixteenBit(boolean alpha) {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            alpha,
            false,
            alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, W, H, alpha ? 4 : 3, null);
    return new BufferedImage(cm, raster, false, null);
  }
}
