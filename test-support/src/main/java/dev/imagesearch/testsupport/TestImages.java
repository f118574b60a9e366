package dev.imagesearch.testsupport;

import dev.imagesearch.imaging.JpegEncoder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Images made in code, for every module's tests. Three kinds, by what a test needs:
 *
 * <ul>
 *   <li>noise, {@link #jpeg(int, int)} and {@link #png(int, int)}: new bytes on every call, so
 *       tests never share an image id by accident;
 *   <li>coloured blocks from a seed, {@link #png(long, int, int)} and {@link #jpeg(long, int,
 *       int)}: the same seed gives the same picture, another seed another one;
 *   <li>photo-like pictures from a seed (a gradient with shapes and strokes), {@link #picture},
 *       {@link #jpeg(long)}: something models and thumbnails can chew on.
 * </ul>
 */
public final class TestImages {
  private static final Random RANDOM = new Random();

  private TestImages() {}

  public static byte[] jpeg(int width, int height) {
    return encode("jpeg", noise(width, height, BufferedImage.TYPE_INT_RGB));
  }

  public static byte[] png(int width, int height) {
    return encode("png", noise(width, height, BufferedImage.TYPE_INT_ARGB));
  }

  /** Lossless, so decoding gives back exactly the pixels whose vectors were indexed. */
  public static byte[] png(long seed, int width, int height) {
    return encode("png", blocks(seed, width, height));
  }

  public static byte[] jpeg(long seed, int width, int height) {
    return encode("jpeg", blocks(seed, width, height));
  }

  /** A 480x360 photo-like JPEG. */
  public static byte[] jpeg(long seed) {
    return jpeg(picture(seed, 480, 360), 0.9f);
  }

  public static BufferedImage picture(long seed, int width, int height) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(
        new GradientPaint(
            0, 0, color(random), width * random.nextFloat(), height, color(random), true));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 12; i++) {
      g.setColor(color(random));
      int x = random.nextInt(width);
      int y = random.nextInt(height);
      int w = 10 + random.nextInt(width / 2);
      int h = 10 + random.nextInt(height / 2);
      switch (random.nextInt(3)) {
        case 0 -> g.fillOval(x - w / 2, y - h / 2, w, h);
        case 1 -> g.fillRect(x - w / 2, y - h / 2, w, h);
        default -> {
          g.setStroke(new BasicStroke(2 + random.nextInt(12)));
          g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
        }
      }
    }
    g.dispose();
    return image;
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    return JpegEncoder.encode(image, quality);
  }

  /**
   * A well-formed 2x2 PNG whose header claims other dimensions (with a correct CRC): a cheap
   * decompression bomb, rejected from the header before any pixel is decoded.
   */
  public static byte[] pngClaiming(int width, int height) {
    byte[] png = png(1, 2, 2);
    ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    return png;
  }

  /**
   * Writes a small image under {@code dir} whose format follows the extension of {@code relative};
   * each seed gives other bytes (and the width other values).
   */
  public static Path image(Path dir, String relative, int seed) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      BufferedImage img = new BufferedImage(8 + seed % 5, 8, BufferedImage.TYPE_INT_RGB);
      img.setRGB(0, 0, new Color(seed * 37 % 256, seed * 91 % 256, 200).getRGB());
      String ext = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      String format = ext.equals("jpeg") ? "jpg" : ext.startsWith("tif") ? "tiff" : ext;
      if (!ImageIO.write(img, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage noise(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, RANDOM.nextInt() | 0xFF000000);
      }
    }
    return image;
  }

  private static BufferedImage blocks(long seed, int width, int height) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(random.nextInt(0xFFFFFF)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 12; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillRect(
          random.nextInt(width),
          random.nextInt(height),
          1 + random.nextInt(width / 2),
          1 + random.nextInt(height / 2));
    }
    g.dispose();
    return image;
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  private static byte[] encode(String format, BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
