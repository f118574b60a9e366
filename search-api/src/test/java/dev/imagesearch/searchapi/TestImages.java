package dev.imagesearch.searchapi;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
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
