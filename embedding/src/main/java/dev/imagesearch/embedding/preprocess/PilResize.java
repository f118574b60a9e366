package dev.imagesearch.embedding.preprocess;

import dev.imagesearch.imaging.RgbImage;

/**
 * Pillow's {@code Image.resize} for 8-bit RGB (libImaging/Resample.c): a separable convolution
 * whose support widens with the downscale factor (so it antialiases), coefficients normalised to
 * 22-bit fixed point, horizontal pass first over only the rows the vertical pass needs. Ported
 * operation for operation so results are bit-identical to Pillow.
 */
public final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  public enum Filter {
    BILINEAR(1.0),
    BICUBIC(2.0);

    final double support;

    Filter(double support) {
      this.support = support;
    }

    double apply(double x) {
      if (x < 0.0) {
        x = -x;
      }
      if (this == BILINEAR) {
        return x < 1.0 ? 1.0 - x : 0.0;
      }
      final double a = -0.5;
      if (x < 1.0) {
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
      }
      if (x < 2.0) {
        return (((x - 5) * x + 8) * x - 4) * a;
      }
      return 0.0;
    }
  }

  /** Fixed-point kernel: for each output index, first input index, tap count and weights. */
  private record Coefficients(int ksize, int[] bounds, int[] kk) {}

  private PilResize() {}

  /** The image resized to exactly {@code outWidth x outHeight}, as Pillow's resize does. */
  public static RgbImage resize(RgbImage in, int outWidth, int outHeight, Filter filter) {
    int inW = in.width();
    int inH = in.height();
    if (outWidth == inW && outHeight == inH) {
      return in;
    }
    boolean horizontal = outWidth != inW;
    boolean vertical = outHeight != inH;
    Coefficients h = coefficients(inW, outWidth, filter);
    Coefficients v = coefficients(inH, outHeight, filter);
    int yFirst = v.bounds[0];
    int yLast = v.bounds[outHeight * 2 - 2] + v.bounds[outHeight * 2 - 1];
    byte[] src = in.pixels();
    int srcW = inW;
    int srcH = inH;
    if (horizontal) {
      int rows = yLast - yFirst;
      byte[] tmp = new byte[outWidth * rows * 3];
      horizontalPass(tmp, src, srcW, yFirst, rows, outWidth, h);
      if (vertical) {
        for (int i = 0; i < outHeight; i++) {
          v.bounds[i * 2] -= yFirst;
        }
      }
      src = tmp;
      srcW = outWidth;
      srcH = rows;
    }
    if (vertical) {
      byte[] out = new byte[srcW * outHeight * 3];
      verticalPass(out, src, srcW, outHeight, v);
      return new RgbImage(srcW, outHeight, out);
    }
    return new RgbImage(srcW, srcH, src);
  }

  private static Coefficients coefficients(int inSize, int outSize, Filter filter) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = filter.support * filterScale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    double[] kk = new double[outSize * ksize];
    int[] bounds = new int[outSize * 2];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ww = 0.0;
      double ss = 1.0 / filterScale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      int k = xx * ksize;
      for (int x = 0; x < xmax; x++) {
        double w = filter.apply((x + xmin - center + 0.5) * ss);
        kk[k + x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        if (ww != 0.0) {
          kk[k + x] /= ww;
        }
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    int[] fixed = new int[kk.length];
    for (int i = 0; i < kk.length; i++) {
      fixed[i] =
          kk[i] < 0
              ? (int) (-0.5 + kk[i] * (1 << PRECISION_BITS))
              : (int) (0.5 + kk[i] * (1 << PRECISION_BITS));
    }
    return new Coefficients(ksize, bounds, fixed);
  }

  private static void horizontalPass(
      byte[] out, byte[] in, int inW, int offset, int rows, int outW, Coefficients c) {
    int[] kk = c.kk;
    for (int yy = 0; yy < rows; yy++) {
      int rowIn = (yy + offset) * inW * 3;
      int rowOut = yy * outW * 3;
      for (int xx = 0; xx < outW; xx++) {
        int xmin = c.bounds[xx * 2];
        int xmax = c.bounds[xx * 2 + 1];
        int k = xx * c.ksize;
        int ss0 = 1 << (PRECISION_BITS - 1);
        int ss1 = ss0;
        int ss2 = ss0;
        int p = rowIn + xmin * 3;
        for (int x = 0; x < xmax; x++, p += 3) {
          int w = kk[k + x];
          ss0 += (in[p] & 0xFF) * w;
          ss1 += (in[p + 1] & 0xFF) * w;
          ss2 += (in[p + 2] & 0xFF) * w;
        }
        int o = rowOut + xx * 3;
        out[o] = clip8(ss0);
        out[o + 1] = clip8(ss1);
        out[o + 2] = clip8(ss2);
      }
    }
  }

  private static void verticalPass(byte[] out, byte[] in, int w, int outH, Coefficients c) {
    int[] kk = c.kk;
    int stride = w * 3;
    for (int yy = 0; yy < outH; yy++) {
      int ymin = c.bounds[yy * 2];
      int ymax = c.bounds[yy * 2 + 1];
      int k = yy * c.ksize;
      int rowOut = yy * stride;
      for (int i = 0; i < stride; i++) {
        int ss = 1 << (PRECISION_BITS - 1);
        int p = ymin * stride + i;
        for (int y = 0; y < ymax; y++, p += stride) {
          ss += (in[p] & 0xFF) * kk[k + y];
        }
        out[rowOut + i] = clip8(ss);
      }
    }
  }

  private static byte clip8(int in) {
    if (in >= (1 << PRECISION_BITS << 8)) {
      return (byte) 255;
    }
    if (in <= 0) {
      return 0;
    }
    return (byte) (in >> PRECISION_BITS);
  }
}
