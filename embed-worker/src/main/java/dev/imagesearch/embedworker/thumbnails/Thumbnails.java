package dev.imagesearch.embedworker.thumbnails;

import dev.imagesearch.embedding.preprocess.PilResize;
import dev.imagesearch.imaging.JpegEncoder;
import dev.imagesearch.imaging.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * JPEG thumbnails whose longest side is at most {@code size} pixels; never upscaled. Resampled
 * straight from the RGB image with Pillow's antialiasing resize, whose only intermediate is {@code
 * size} columns by the source height: no full-resolution copy is ever made.
 */
public final class Thumbnails {
  private static final float QUALITY = 0.85f;

  private final int size;

  public Thumbnails(int size) {
    this.size = size;
  }

  public byte[] jpeg(RgbImage image) {
    return JpegEncoder.encode(toBufferedImage(scale(image)), QUALITY);
  }

  RgbImage scale(RgbImage source) {
    int longest = Math.max(source.width(), source.height());
    if (longest <= size) {
      return source;
    }
    double ratio = (double) size / longest;
    int w = Math.max(1, (int) Math.round(source.width() * ratio));
    int h = Math.max(1, (int) Math.round(source.height() * ratio));
    return PilResize.resize(source, w, h, PilResize.Filter.BILINEAR);
  }

  /** A small image only: the thumbnail, as the JPEG writer wants it (BGR bytes). */
  private static BufferedImage toBufferedImage(RgbImage image) {
    BufferedImage out =
        new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    byte[] rgb = image.pixels();
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    return out;
  }
}
