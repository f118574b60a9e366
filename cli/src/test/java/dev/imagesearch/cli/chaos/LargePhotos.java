package dev.imagesearch.cli.chaos;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Camera-sized photos drawn from a seed. Flat pictures would compress to a few kilobytes and prove
 * nothing about real uploads, so each has a sky-like gradient, soft shapes and sensor-like noise: a
 * 24 MP JPEG comes out at a few megabytes, as a phone's does.
 *
 * <p>Formats are the ones the build can write: JPEG, PNG and TIFF (JDK and TwelveMonkeys writers).
 * TwelveMonkeys reads WebP but cannot write it and nothing in the build reads or writes HEIF, so
 * those two appear only as hand-made hostile files ({@link Bombs}).
 */
final class LargePhotos {
  /** Megapixels to the 3:2 width and height a camera uses. */
  enum Size {
    MP12(4000, 3000),
    MP24(6000, 4000),
    MP42(8000, 5336),
    MP48(8000, 6000),
    MP100(12240, 8160);

    final int width;
    final int height;

    Size(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  private LargePhotos() {}

  static byte[] photo(Size size, String format, long seed) {
    return encode(draw(size.width, size.height, seed), format);
  }

  static BufferedImage draw(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    Color top = new Color(random.nextInt(0xFFFFFF));
    Color bottom = new Color(random.nextInt(0xFFFFFF));
    long noise = seed * 0x9E3779B97F4A7C15L + 1;
    for (int y = 0; y < height; y++) {
      float t = y / (float) height;
      int r = mix(top.getRed(), bottom.getRed(), t);
      int g = mix(top.getGreen(), bottom.getGreen(), t);
      int b = mix(top.getBlue(), bottom.getBlue(), t);
      int row = y * width;
      for (int x = 0; x < width; x++) {
        // xorshift: Random per pixel would make a 100 MP photo take a minute to draw.
        noise ^= noise << 13;
        noise ^= noise >>> 7;
        noise ^= noise << 17;
        int n = (int) (noise & 7) - 3;
        int shade = (x * 24) / width - 12 + n;
        pixels[row + x] = clamp(r + shade) << 16 | clamp(g + shade) << 8 | clamp(b + shade);
      }
    }
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      for (int i = 0; i < 40; i++) {
        g.setComposite(
            AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.3f + 0.5f * random.nextFloat()));
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        int w = width / 20 + random.nextInt(width / 4);
        int h = height / 20 + random.nextInt(height / 4);
        int x = random.nextInt(width - w);
        int y = random.nextInt(height - h);
        if (random.nextBoolean()) {
          g.fillOval(x, y, w, h);
        } else {
          g.fillRoundRect(x, y, w, h, w / 8, h / 8);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
      } else if (format.equals("tiff")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Deflate");
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int mix(int a, int b, float t) {
    return Math.round(a + (b - a) * t);
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
