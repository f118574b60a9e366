package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Which ImageIO reader decodes a format: TwelveMonkeys' where installed (CMYK and progressive JPEG,
 * WebP, ...), else the JDK's. The caller disposes of the reader it gets; the others are disposed
 * here.
 */
final class ImageReaders {
  private ImageReaders() {}

  static ImageReader forFormat(ImageFormat format) throws ImageDecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    ImageReader fallback = null;
    while (readers.hasNext()) {
      ImageReader candidate = readers.next();
      if (candidate.getClass().getName().startsWith("com.twelvemonkeys.")) {
        if (fallback != null) {
          fallback.dispose();
        }
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      } else {
        candidate.dispose();
      }
    }
    if (fallback == null) {
      throw new ImageDecodeException(
          Reason.UNSUPPORTED_FORMAT, "No decoder for " + format + " is installed.");
    }
    return fallback;
  }
}
