package dev.imagesearch.ingestservice;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images made in code, each one different, so tests never share an id by accident. */
public final class TestImages {
  private static final Random RANDOM = new Random();

  private TestImages() {}

  public static byte[] jpeg(int width, int height) {
    return encode("jpeg", noise(width, height, BufferedImage.TYPE_INT_RGB));
  }

  public static byte[] png(int width, int height) {
    return encode("png", noise(width, height, BufferedImage.TYPE_INT_ARGB));
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
