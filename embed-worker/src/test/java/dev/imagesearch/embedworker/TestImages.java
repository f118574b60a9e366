package dev.imagesearch.embedworker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Distinct synthetic photos: each seed draws its own gradient, shapes and colours. */
public final class TestImages {
  private TestImages() {}

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

  public static byte[] jpeg(long seed) {
    return jpeg(picture(seed, 480, 360), 0.9f);
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }
}
