package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
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
import javax.imageio.stream.MemoryCacheImageInputStream;

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

  static {
    ImageIO.scanForPlugins();
  }

  private final long maxPixels;

  public ImageDecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  public ImageDecoder(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Reads format and dimensions from the header only (no pixel data is decoded) and applies the
   * zero-size and pixel-limit checks.
   */
  public ImageInfo probe(byte[] data) throws ImageDecodeException {
    ImageFormat format = FormatSniffer.sniff(data);
    try (ImageInputStream in = stream(data)) {
      ImageReader reader = reader(format);
      try {
        reader.setInput(in, true, true);
        return check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw classify(format, data, e);
    }
  }

  /** Decodes a file; see {@link #decode(byte[])}. */
  public RgbImage decode(Path file) throws IOException, ImageDecodeException {
    return decode(Files.readAllBytes(file));
  }

  /** Decodes the first frame into upright RGB; the header is checked before any pixel is read. */
  public RgbImage decode(byte[] data) throws ImageDecodeException {
    ImageFormat format = FormatSniffer.sniff(data);
    RgbImage rgb;
    try (ImageInputStream in = stream(data)) {
      ImageReader reader = reader(format);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        reader.setInput(in, true, false);
        check(new ImageInfo(format, reader.getWidth(0), reader.getHeight(0)));
        rgb = read(format, reader, data);
      } finally {
        reader.dispose();
      }
      for (String warning : warnings) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("premature") || w.contains("truncat") || w.contains("end of")) {
          throw new ImageDecodeException(
              Reason.TRUNCATED, "The image is truncated (" + warning + ").");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw classify(format, data, e);
    }
    return Orientation.apply(rgb, Orientation.read(data));
  }

  private static RgbImage read(ImageFormat format, ImageReader reader, byte[] data)
      throws IOException, ImageDecodeException {
    if (format == ImageFormat.JPEG && isCmyk(reader)) {
      // Raw CMYK samples, converted as Pillow does, instead of ImageIO's ICC conversion.
      Raster raster = reader.readRaster(0, null);
      if (JpegMarkers.hasAdobeSegment(data)) {
        java.awt.image.WritableRaster inverted = raster.createCompatibleWritableRaster();
        int[] row = new int[raster.getWidth() * raster.getNumBands()];
        for (int y = 0; y < raster.getHeight(); y++) {
          raster.getPixels(raster.getMinX(), raster.getMinY() + y, raster.getWidth(), 1, row);
          for (int i = 0; i < row.length; i++) {
            row[i] = 255 - row[i];
          }
          inverted.setPixels(0, y, raster.getWidth(), 1, row);
        }
        raster = inverted;
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

  private static ImageInputStream stream(byte[] data) {
    return new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
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
            "This " + format + " variant is not supported (" + t.getMessage() + ").",
            e);
      }
    }
    return new ImageDecodeException(
        Reason.CORRUPT,
        "The " + format + " image is damaged and cannot be decoded (" + e.getMessage() + ").",
        e);
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
