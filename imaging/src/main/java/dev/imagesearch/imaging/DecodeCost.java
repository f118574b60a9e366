package dev.imagesearch.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * The heap one image holds at its peak while it is decoded and downscaled, from its header alone:
 *
 * <pre>
 *   file bytes
 * + pixels x max(decoded + conversion, 3 + rotation)
 * + downscaling: 3 x 320 x long side + 3 x 256 x (256 x long side / short side)
 * </pre>
 *
 * where <em>decoded</em> is the bytes per pixel of the raster the ImageIO reader allocates for this
 * format and sample type (JPEG 3, CMYK JPEG 4, PNG RGB 3, RGBA 4, 16-bit RGB 6, 16-bit RGBA 8, gray
 * 1 or 2, palette 1), <em>conversion</em> the 3 bytes per pixel of the RGB copy, 0 where the raster
 * already is interleaved 8-bit RGB or BGR and becomes the RGB image in place, and <em>rotation</em>
 * the 3 bytes per pixel of an EXIF-rotated copy. The last line is what the worker and search-api
 * derive afterwards while the full image is alive: Pillow-exact resizes hold one intermediate of
 * output width x input height (thumbnails, at most 320 on the long side) and the model input
 * resized to 256 on its short side; an extreme aspect ratio makes that term, and so the cost, huge.
 */
final class DecodeCost {
  static final int THUMBNAIL_SIDE = 320;
  static final int MODEL_SIDE = 256;

  private DecodeCost() {}

  static long of(
      ImageFormat format, ImageReader reader, byte[] data, ImageInfo info, boolean rotated)
      throws IOException {
    if (format == ImageFormat.PNG) {
      // From IHDR: the JDK reader would read every chunk up to the pixels to say the same.
      int bitDepth = data[24];
      int colourType = data[25];
      int channels =
          switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1; // gray or palette
          };
      int decoded = channels * (bitDepth == 16 ? 2 : 1);
      int conversion = colourType == 2 && bitDepth == 8 ? 0 : 3;
      return of(info, decoded, conversion, rotated, data.length);
    }
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    ImageTypeSpecifier first = types.hasNext() ? types.next() : null;
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    int decoded = Math.max(bytesPerPixel(first), bytesPerPixel(raw));
    if (decoded == 0) {
      decoded = 8; // nothing said: assume the widest common raster, 16-bit RGBA
    }
    int conversion = inPlace(first) && !isCmyk(raw) ? 0 : 3;
    return of(info, decoded, conversion, rotated, data.length);
  }

  static long of(ImageInfo info, int decoded, int conversion, boolean rotated, int fileBytes) {
    long perPixel = Math.max(decoded + conversion, rotated ? 6 : 3);
    return fileBytes + info.pixels() * perPixel + downscale(info);
  }

  /** The working set of the resizes made from the full image: thumbnail and model input. */
  static long downscale(ImageInfo info) {
    long longSide = Math.max(info.width(), info.height());
    long shortSide = Math.min(info.width(), info.height());
    return 3L * THUMBNAIL_SIDE * longSide
        + 3L * MODEL_SIDE * ((MODEL_SIDE * longSide + shortSide - 1) / shortSide);
  }

  private static int bytesPerPixel(ImageTypeSpecifier type) {
    if (type == null) {
      return 0;
    }
    SampleModel sm = type.getSampleModel(1, 1);
    return DataBuffer.getDataTypeSize(sm.getDataType()) / 8 * sm.getNumDataElements();
  }

  /** Interleaved 8-bit RGB or BGR without alpha: {@link RgbConverter} reuses its array. */
  static boolean inPlace(ImageTypeSpecifier type) {
    return type != null
        && type.getSampleModel(1, 1) instanceof ComponentSampleModel sm
        && RgbConverter.interleavedRgb(sm, type.getColorModel());
  }

  private static boolean isCmyk(ImageTypeSpecifier type) {
    return type != null && type.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
  }
}
