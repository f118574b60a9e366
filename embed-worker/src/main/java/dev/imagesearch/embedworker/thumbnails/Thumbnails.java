package dev.imagesearch.embedworker.thumbnails;

import dev.imagesearch.imaging.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** JPEG thumbnails whose longest side is at most {@code size} pixels; never upscaled. */
public final class Thumbnails {
  private static final float QUALITY = 0.85f;

  private final int size;

  public Thumbnails(int size) {
    this.size = size;
  }

  public byte[] jpeg(RgbImage image) {
    return encode(scale(toBufferedImage(image)));
  }

  static BufferedImage toBufferedImage(RgbImage image) {
    int w = image.width();
    int h = image.height();
    int[] argb = new int[w * h];
    byte[] p = image.pixels();
    for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
      argb[i] = (p[j] & 0xFF) << 16 | (p[j + 1] & 0xFF) << 8 | (p[j + 2] & 0xFF);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    return out;
  }

  /**
   * Halves with bilinear filtering until within twice the target, then one last step: a single
   * large bilinear step would skip most source pixels and alias.
   */
  BufferedImage scale(BufferedImage source) {
    int longest = Math.max(source.getWidth(), source.getHeight());
    if (longest <= size) {
      return source;
    }
    double ratio = (double) size / longest;
    int targetW = Math.max(1, (int) Math.round(source.getWidth() * ratio));
    int targetH = Math.max(1, (int) Math.round(source.getHeight() * ratio));
    BufferedImage current = source;
    while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
      current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    return current.getWidth() == targetW && current.getHeight() == targetH
        ? current
        : resize(current, targetW, targetH);
  }

  private static BufferedImage resize(BufferedImage source, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a thumbnail", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
