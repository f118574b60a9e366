package dev.imagesearch.imaging;

import java.util.Objects;

/**
 * A decoded image as 8-bit RGB, row-major, three bytes per pixel, EXIF orientation already applied.
 *
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param pixels {@code width * height * 3} bytes: R, G, B of each pixel, rows top to bottom
 */
public record RgbImage(int width, int height, byte[] pixels) {
  public RgbImage {
    Objects.requireNonNull(pixels, "pixels");
    if (width < 1 || height < 1 || pixels.length != width * height * 3) {
      throw new IllegalArgumentException(
          "RGB image " + width + "x" + height + " needs " + width * height * 3 + " bytes");
    }
  }

  /** The 0..255 value of channel {@code c} (0 = R) at ({@code x}, {@code y}). */
  public int sample(int x, int y, int c) {
    return pixels[(y * width + x) * 3 + c] & 0xFF;
  }
}
