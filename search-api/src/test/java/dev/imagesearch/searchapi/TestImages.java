package dev.imagesearch.searchapi;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images made in code: coloured blocks from a seed, so each seed gives a different picture. */
public final class TestImages {
  private TestImages() {}

  /** Lossless, so decoding gives back exactly the pixels whose vectors were indexed. */
  public static byte[] png(long seed, int width, int height) {
    return encode("png", blocks(seed, width, height));
  }

  public static byte[] jpeg(long seed, int width, int height) {
    return encode("jpeg", blocks(seed, width, height));
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
