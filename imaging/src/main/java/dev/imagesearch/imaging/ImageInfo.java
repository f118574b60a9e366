package dev.imagesearch.imaging;

/**
 * What the header of an image says, read without decoding its pixels.
 *
 * @param format the container format
 * @param width stored width in pixels (before EXIF orientation)
 * @param height stored height in pixels (before EXIF orientation)
 */
public record ImageInfo(ImageFormat format, int width, int height) {

  /** Pixel count, which is what the pixel limit applies to. */
  public long pixels() {
    return (long) width * height;
  }
}
