package dev.imagesearch.imaging;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * CMYK as Pillow converts it, not as ImageIO's ICC conversion does: raw CMYK samples (inverted in
 * Adobe JPEGs), then Pillow's cmyk2rgb formula.
 */
final class Cmyk {
  private Cmyk() {}

  /** Whether the reader's raw samples are CMYK. */
  static boolean isCmyk(ImageReader reader) throws IOException {
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    return raw != null && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
  }

  /** A CMYK JPEG's first frame as RGB, from its raw samples. */
  static RgbImage readJpeg(ImageReader reader, byte[] data)
      throws IOException, ImageDecodeException {
    Raster raster = reader.readRaster(0, null);
    if (JpegMarkers.hasAdobeSegment(data)) {
      raster = invert(raster);
    }
    return RgbConverter.convert(
        raster,
        new ComponentColorModel(
            new OnlyCmyk(), false, false, Transparency.OPAQUE, raster.getTransferType()));
  }

  /** Adobe CMYK JPEGs store inverted samples: 255 - v, in place where the raster is writable. */
  static Raster invert(Raster raster) {
    WritableRaster out =
        raster instanceof WritableRaster writable
            ? writable
            : raster.createCompatibleWritableRaster();
    int w = raster.getWidth();
    int chunk = Math.min(w, RgbConverter.CHUNK);
    int[] row = new int[chunk * raster.getNumBands()];
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x0 = 0; x0 < w; x0 += chunk) {
        int n = Math.min(chunk, w - x0);
        raster.getPixels(raster.getMinX() + x0, raster.getMinY() + y, n, 1, row);
        for (int i = 0; i < n * raster.getNumBands(); i++) {
          row[i] = 255 - row[i];
        }
        out.setPixels(out.getMinX() + x0, out.getMinY() + y, n, 1, row);
      }
    }
    return out;
  }

  /** Pillow's cmyk2rgb: (255 - K) - C * (255 - K) / 255, with its integer rounding. */
  static int toRgb(int c, int k) {
    int nk = 255 - k;
    int tmp = c * nk + 128;
    int mul = ((tmp >> 8) + tmp) >> 8;
    return Math.clamp(nk - mul, 0, 255);
  }

  /** A colour space that only says "CMYK"; conversion happens in {@link RgbConverter}. */
  private static final class OnlyCmyk extends ColorSpace {
    OnlyCmyk() {
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
