package dev.imagesearch.imaging;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
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
      ImageReader reader = reader(format);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        // No metadata: it is not needed for pixels, and PNG text chunks would be inflated whole.
        reader.setInput(in, true, true);
        check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
        rgb = read(format, reader, data);
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
      throw classify(format, data, e);
    }
    return Orientation.apply(rgb, Orientation.read(data));
  }

  /** The checked header and the decode cost. */
  private record Header(ImageInfo info, long cost) {}

  private Header header(byte[] data) throws ImageDecodeException {
    ImageFormat format = FormatSniffer.sniff(data);
    Header header;
    try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
      ImageReader reader = reader(format);
      try {
        reader.setInput(in, true, true);
        ImageInfo info = check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
        boolean rotated = Orientation.read(data) > 1;
        header = new Header(info, DecodeCost.of(format, reader, data, info, rotated));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw classify(format, data, e);
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

  private static RgbImage read(ImageFormat format, ImageReader reader, byte[] data)
      throws IOException, ImageDecodeException {
    if (format == ImageFormat.JPEG && isCmyk(reader)) {
      // Raw CMYK samples, converted as Pillow does, instead of ImageIO's ICC conversion.
      Raster raster = reader.readRaster(0, null);
      if (JpegMarkers.hasAdobeSegment(data)) {
        raster = RgbConverter.invert(raster);
      }
      return RgbConverter.convert(raster, cmykModel(raster));
    }
    BufferedImage image = reader.read(0);
    return RgbConverter.convert(image.getRaster(), image.getColorModel());
  }

  private static boolean isCmyk(ImageReader reader) throws IOException {
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    return raw != null && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
  }

  private static java.awt.image.ColorModel cmykModel(Raster raster) {
    return new java.awt.image.ComponentColorModel(
        new CmykSpace(), false, false, java.awt.Transparency.OPAQUE, raster.getTransferType());
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

  private static ImageReader reader(ImageFormat format) throws ImageDecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    ImageReader fallback = null;
    while (readers.hasNext()) {
      ImageReader candidate = readers.next();
      if (candidate.getClass().getName().startsWith("com.twelvemonkeys.")) {
        if (fallback != null) {
          fallback.dispose();
        }
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      } else {
        candidate.dispose();
      }
    }
    if (fallback == null) {
      throw new ImageDecodeException(
          Reason.UNSUPPORTED_FORMAT, "No decoder for " + format + " is installed.");
    }
    return fallback;
  }

  /**
   * A decoder's exception as a typed reason whose message is plain: decoder internals such as
   * {@code index >= numImages (0 >= 0)} stay in the cause, for logs only.
   */
  private static ImageDecodeException classify(ImageFormat format, byte[] data, Exception e) {
    if (e.getCause() instanceof ImageDecodeException d) {
      return d;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("<= 0")) {
        return new ImageDecodeException(Reason.ZERO_SIZED, "The image has no pixels.", e);
      }
    }
    if (endsEarly(format, data)) {
      return new ImageDecodeException(
          Reason.TRUNCATED, "The " + format + " image is truncated.", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof EOFException
          || m.contains("premature")
          || m.contains("truncat")
          || m.contains("unexpected end")
          || m.contains("eof")) {
        return new ImageDecodeException(
            Reason.TRUNCATED, "The " + format + " image is truncated.", e);
      }
      if (m.contains("<= 0") || m.contains("zero")) {
        return new ImageDecodeException(Reason.ZERO_SIZED, "The image has no pixels.", e);
      }
      if (m.contains("unsupported") || m.contains("not supported")) {
        return new ImageDecodeException(
            Reason.UNSUPPORTED_FORMAT,
            "This " + format + " variant is not supported; convert it to a baseline JPEG or PNG.",
            e);
      }
    }
    return new ImageDecodeException(
        Reason.CORRUPT, "The " + format + " image is damaged and cannot be decoded.", e);
  }

  /** The container's end marker is missing (PNG IEND, JPEG EOI, GIF trailer). */
  private static boolean endsEarly(ImageFormat format, byte[] b) {
    int n = b.length;
    return switch (format) {
      case PNG ->
          n < 12
              || !new String(b, n - 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
                  .equals("IEND");
      case JPEG -> {
        int end = n;
        while (end > 2 && b[end - 1] == 0) {
          end--;
        }
        yield end < 4 || (b[end - 2] & 0xFF) != 0xFF || (b[end - 1] & 0xFF) != 0xD9;
      }
      case GIF -> b[n - 1] != 0x3B;
      default -> false;
    };
  }

  /** A colour space that only says "CMYK"; conversion happens in {@link RgbConverter}. */
  private static final class CmykSpace extends ColorSpace {
    CmykSpace() {
      super(ColorSpace.TYPE_CMYK, 4);
    }

    @Override
    public float[] toRGB(float[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] fromRGB(float[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] toCIEXYZ(float[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] fromCIEXYZ(float[] value) {
      throw new UnsupportedOperationException();
    }
  }
}
