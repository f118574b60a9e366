package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns any decoded raster into 8-bit RGB the way the Python reference does (tools/parity): gray
 * replicated, 16-bit scaled with (v + 128) / 257, palettes expanded, CMYK converted with Pillow's
 * formula, alpha composited on white. Embedded ICC profiles are ignored, as Pillow's convert does.
 */
final class RgbConverter {
  private RgbConverter() {}

  static RgbImage convert(Raster raster, ColorModel cm) throws ImageDecodeException {
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] out = new byte[w * h * 3];
    if (cm instanceof IndexColorModel icm) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int s = row[x];
          put(out, y * w + x, icm.getRed(s), icm.getGreen(s), icm.getBlue(s), icm.getAlpha(s));
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
    int[] row = new int[w * bands];
    int[] v = new int[bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < bands; b++) {
          v[b] = to8(row[x * bands + b], bits[b]);
        }
        int a = alpha ? v[colors] : 255;
        int i = y * w + x;
        if (space == ColorSpace.TYPE_GRAY || colors == 1) {
          put(out, i, v[0], v[0], v[0], a);
        } else if (space == ColorSpace.TYPE_CMYK && colors == 4) {
          put(out, i, cmyk(v[0], v[3]), cmyk(v[1], v[3]), cmyk(v[2], v[3]), a);
        } else if (space == ColorSpace.TYPE_RGB && colors == 3) {
          put(out, i, v[0], v[1], v[2], a);
        } else {
          throw new ImageDecodeException(
              Reason.UNSUPPORTED_FORMAT,
              "Images with " + colors + " colour channels of this colour space are not supported.");
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  /** Pillow's cmyk2rgb: (255 - K) - C * (255 - K) / 255, with its integer rounding. */
  static int cmyk(int c, int k) {
    int nk = 255 - k;
    int tmp = c * nk + 128;
    int mul = ((tmp >> 8) + tmp) >> 8;
    return Math.clamp(nk - mul, 0, 255);
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
