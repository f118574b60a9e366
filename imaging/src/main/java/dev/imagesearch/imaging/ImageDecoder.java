package dev.imagesearch.imaging;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG (incl. CMYK and progressive), PNG, WebP, GIF (first frame), BMP and TIFF into
 * upright 8-bit RGB, and probes headers without decoding pixels.
 *
 * <p>Thread-safe: every call uses its own ImageIO reader. The ingest service calls {@link
 * #probe(byte[])} to validate uploads; workers call {@link #decode(byte[])}.
 */
public final class ImageDecoder {
  /** 100 megapixels: a 10000 x 10000 photo still decodes, a decompression bomb does not. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  /**
   * 512 MiB: the most one image may cost to decode and downscale (see {@link #cost(byte[])}). Every
   * 8-bit image up to 64 megapixels fits; larger 16-bit PNGs do not
   * (docs/decisions/0006-bounded-decoding.md).
   */
  public static final long DEFAULT_MAX_DECODE_BYTES = 512L << 20;

  static {
    ImageIO.scanForPlugins();
    ImageIO.setUseCache(false);
  }

  private final long maxPixels;
  private final long maxDecodeBytes;

  public ImageDecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  public ImageDecoder(long maxPixels) {
    this(maxPixels, DEFAULT_MAX_DECODE_BYTES);
  }

  /**
   * @param maxPixels images with more pixels are refused ({@code TOO_MANY_PIXELS}); the limit is
   *     inclusive: exactly {@code maxPixels} pixels are accepted
   * @param maxDecodeBytes images that cost more to decode are refused ({@code TOO_MANY_PIXELS})
   */
  public ImageDecoder(long maxPixels, long maxDecodeBytes) {
    if (maxPixels < 1 || maxDecodeBytes < 1) {
      throw new IllegalArgumentException(
          "maxPixels and maxDecodeBytes must be positive: " + maxPixels + ", " + maxDecodeBytes);
    }
    this.maxPixels = maxPixels;
    this.maxDecodeBytes = maxDecodeBytes;
  }

  public long maxPixels() {
    return maxPixels;
  }

  public long maxDecodeBytes() {
    return maxDecodeBytes;
  }

  /**
   * Reads format and dimensions from the header only (no pixel data is decoded) and applies the
   * zero-size, pixel and cost limits.
   */
  public ImageInfo probe(byte[] data) throws ImageDecodeException {
    return header(data).info();
  }

  /**
   * What decoding this image and downscaling it holds on the heap at its peak, in bytes, from the
   * header alone; reserve it in a {@link DecodeBudget} before {@link #decode(byte[])}. Applies the
   * same limits as {@link #probe(byte[])}.
   */
  public long cost(byte[] data) throws ImageDecodeException {
    return header(data).cost();
  }

  /** Decodes a file; see {@link #decode(byte[])}. */
  public RgbImage decode(Path file) throws IOException, ImageDecodeException {
    return decode(Files.readAllBytes(file));
  }

  /** Decodes the first frame into upright RGB; the header is checked before any pixel is read. */
  public RgbImage decode(byte[] data) throws ImageDecodeException {
    ImageFormat format = FormatSniffer.sniff(data);
    RgbImage rgb;
    try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
      ImageReader reader = ImageReaders.forFormat(format);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        // No metadata: it is not needed for pixels, and PNG text chunks would be inflated whole.
        reader.setInput(in, true, true);
        check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
        rgb =
            format == ImageFormat.JPEG && Cmyk.isCmyk(reader)
                ? Cmyk.readJpeg(reader, data)
                : readRgb(reader);
      } finally {
        reader.dispose();
      }
      for (String warning : warnings) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("premature") || w.contains("truncat") || w.contains("end of")) {
          throw new ImageDecodeException(
              Reason.TRUNCATED, "The " + format + " image is truncated.", new IOException(warning));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw DecodeFailures.classify(format, data, e);
    }
    return Orientation.apply(rgb, Orientation.read(data));
  }

  /** The checked header and the decode cost. */
  private record Header(ImageInfo info, long cost) {}

  private Header header(byte[] data) throws ImageDecodeException {
    ImageFormat format = FormatSniffer.sniff(data);
    Header header;
    try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
      ImageReader reader = ImageReaders.forFormat(format);
      try {
        reader.setInput(in, true, true);
        ImageInfo info = check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
        boolean rotated = Orientation.read(data) > 1;
        header = new Header(info, DecodeCost.of(format, reader, data, info, rotated));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw DecodeFailures.classify(format, data, e);
    }
    if (header.cost() > maxDecodeBytes) {
      ImageInfo info = header.info();
      throw new ImageDecodeException(
          Reason.TOO_MANY_PIXELS,
          String.format(
              Locale.ROOT,
              "The image is %dx%d (%.1f megapixels) and needs %.0f MB to decode in this format;"
                  + " the limit is %.0f MB.",
              info.width(),
              info.height(),
              info.pixels() / 1e6,
              header.cost() / 1e6,
              maxDecodeBytes / 1e6));
    }
    return header;
  }

  private ImageInfo check(ImageInfo info) throws ImageDecodeException {
    if (info.width() <= 0 || info.height() <= 0) {
      throw new ImageDecodeException(
          Reason.ZERO_SIZED,
          "The image has no pixels (" + info.width() + "x" + info.height() + ").");
    }
    if (info.pixels() > maxPixels) {
      throw new ImageDecodeException(
          Reason.TOO_MANY_PIXELS,
          String.format(
              Locale.ROOT,
              "The image is %dx%d (%.1f megapixels); the limit is %.1f megapixels.",
              info.width(),
              info.height(),
              info.pixels() / 1e6,
              maxPixels / 1e6));
    }
    return info;
  }

  private static RgbImage readRgb(ImageReader reader) throws IOException, ImageDecodeException {
    BufferedImage image = reader.read(0);
    return RgbConverter.convert(image.getRaster(), image.getColorModel());
  }
}
