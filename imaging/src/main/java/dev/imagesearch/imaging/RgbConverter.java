package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns any decoded raster into 8-bit RGB the way the Python reference does (tools/parity): gray
 * replicated, 16-bit scaled with (v + 128) / 257, palettes expanded, CMYK converted with Pillow's
 * formula, alpha composited on white. Embedded ICC profiles are ignored, as Pillow's convert does.
 */
final class RgbConverter {
  /**
   * Pixels read per call into a row buffer: a 64000000 x 1 image must not need a 768 MB int[] row.
   */
  static final int CHUNK = 4096;

  private RgbConverter() {}

  /**
   * Interleaved 8-bit R, G, B (in either order) without alpha in one exactly sized array: the
   * reader's raster becomes the RGB image without a copy (JPEG, 8-bit RGB PNG).
   */
  static boolean interleavedRgb(ComponentSampleModel sm, ColorModel cm) {
    int[] offsets = sm.getBandOffsets();
    return sm.getDataType() == DataBuffer.TYPE_BYTE
        && sm.getNumBands() == 3
        && sm.getPixelStride() == 3
        && sm.getScanlineStride() == sm.getWidth() * 3
        && Arrays.stream(sm.getBankIndices()).allMatch(bank -> bank == 0)
        && !cm.hasAlpha()
        && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB
        && (Arrays.equals(offsets, new int[] {0, 1, 2})
            || Arrays.equals(offsets, new int[] {2, 1, 0}));
  }

  static RgbImage convert(Raster raster, ColorModel cm) throws ImageDecodeException {
    int w = raster.getWidth();
    int h = raster.getHeight();
    RgbImage reused = inPlace(raster, cm);
    if (reused != null) {
      return reused;
    }
    byte[] out = new byte[w * h * 3];
    if (cm instanceof IndexColorModel icm) {
      int[] row = new int[Math.min(w, CHUNK)];
      for (int y = 0; y < h; y++) {
        for (int x0 = 0; x0 < w; x0 += row.length) {
          int n = Math.min(row.length, w - x0);
          raster.getSamples(raster.getMinX() + x0, raster.getMinY() + y, n, 1, 0, row);
          for (int x = 0; x < n; x++) {
            int s = row[x];
            put(
                out,
                y * w + x0 + x,
                icm.getRed(s),
                icm.getGreen(s),
                icm.getBlue(s),
                icm.getAlpha(s));
          }
        }
      }
      return new RgbImage(w, h, out);
    }
    if (cm instanceof DirectColorModel dcm) {
      Object pixel = null;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          pixel = raster.getDataElements(raster.getMinX() + x, raster.getMinY() + y, pixel);
          int a = dcm.hasAlpha() ? dcm.getAlpha(pixel) : 255;
          put(out, y * w + x, dcm.getRed(pixel), dcm.getGreen(pixel), dcm.getBlue(pixel), a);
        }
      }
      return new RgbImage(w, h, out);
    }
    int type = raster.getTransferType();
    if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
      throw new ImageDecodeException(
          Reason.UNSUPPORTED_FORMAT, "Floating-point images are not supported.");
    }
    int colors = cm.getNumColorComponents();
    int bands = raster.getNumBands();
    int space = cm.getColorSpace().getType();
    boolean alpha = cm.hasAlpha() && bands > colors;
    int[] bits = new int[bands];
    for (int b = 0; b < bands; b++) {
      bits[b] = raster.getSampleModel().getSampleSize(b);
    }
    int chunk = Math.min(w, CHUNK);
    int[] row = new int[chunk * bands];
    int[] v = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x0 = 0; x0 < w; x0 += chunk) {
        int n = Math.min(chunk, w - x0);
        raster.getPixels(raster.getMinX() + x0, raster.getMinY() + y, n, 1, row);
        for (int x = 0; x < n; x++) {
          for (int b = 0; b < bands; b++) {
            v[b] = to8(row[x * bands + b], bits[b]);
          }
          int a = alpha ? v[colors] : 255;
          int i = y * w + x0 + x;
          if (space == ColorSpace.TYPE_GRAY || colors == 1) {
            put(out, i, v[0], v[0], v[0], a);
          } else if (space == ColorSpace.TYPE_CMYK && colors == 4) {
            put(out, i, Cmyk.toRgb(v[0], v[3]), Cmyk.toRgb(v[1], v[3]), Cmyk.toRgb(v[2], v[3]), a);
          } else if (space == ColorSpace.TYPE_RGB && colors == 3) {
            put(out, i, v[0], v[1], v[2], a);
          } else {
            throw new ImageDecodeException(
                Reason.UNSUPPORTED_FORMAT,
                "Images with "
                    + colors
                    + " colour channels of this colour space are not supported.");
          }
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /** The raster's own array as the RGB image (B and R swapped in place for BGR), or null. */
  private static RgbImage inPlace(Raster raster, ColorModel cm) {
    if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || !interleavedRgb(sm, cm)
        || raster.getParent() != null
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0
        || buffer.getNumBanks() != 1
        || buffer.getOffset() != 0
        || buffer.getData().length != raster.getWidth() * raster.getHeight() * 3) {
      return null;
    }
    byte[] p = buffer.getData();
    if (sm.getBandOffsets()[0] == 2) {
      for (int i = 0; i < p.length; i += 3) {
        byte b = p[i];
        p[i] = p[i + 2];
        p[i + 2] = b;
      }
    }
    return new RgbImage(raster.getWidth(), raster.getHeight(), p);
  }

  private static int to8(int value, int bits) {
    if (bits == 8) {
      return value;
    }
    if (bits == 16) {
      return (value + 128) / 257;
    }
    long max = (1L << bits) - 1;
    return (int) Math.round(value * 255.0 / max);
  }

  private static void put(byte[] out, int i, int r, int g, int b, int a) {
    if (a < 255) {
      r = onWhite(r, a);
      g = onWhite(g, a);
      b = onWhite(b, a);
    }
    out[i * 3] = (byte) r;
    out[i * 3 + 1] = (byte) g;
    out[i * 3 + 2] = (byte) b;
  }

  private static int onWhite(int c, int a) {
    return (int) Math.rint((c * a + 255 * (255 - a)) / 255.0);
  }
}
