package dev.imagesearch.embedding.preprocess;

import dev.imagesearch.imaging.RgbImage;
import java.util.Locale;

/**
 * torchvision's {@code Resize(shorter side)}, {@code CenterCrop}, {@code ToTensor}, {@code
 * Normalize} on a PIL RGB image, reproduced exactly: Pillow's resampling, torchvision's output size
 * and crop rounding, float32 arithmetic.
 *
 * @param resize length of the shorter side after resizing
 * @param interpolation {@code bilinear} or {@code bicubic} (Pillow filters)
 * @param crop side of the centre square crop
 * @param mean per-channel mean (R, G, B)
 * @param std per-channel standard deviation (R, G, B)
 */
public record Preprocessing(int resize, String interpolation, int crop, float[] mean, float[] std) {

  /** torchvision VGG16 IMAGENET1K_V1: Resize(256), CenterCrop(224), ImageNet mean/std. */
  public static Preprocessing vgg16() {
    return new Preprocessing(
        256,
        "bilinear",
        224,
        new float[] {0.485f, 0.456f, 0.406f},
        new float[] {0.229f, 0.224f, 0.225f});
  }

  /** OpenAI CLIP ViT-B/32: Resize(224, bicubic), CenterCrop(224), CLIP mean/std. */
  public static Preprocessing clip() {
    return new Preprocessing(
        224,
        "bicubic",
        224,
        new float[] {0.48145466f, 0.4578275f, 0.40821073f},
        new float[] {0.26862954f, 0.26130258f, 0.27577711f});
  }

  public Preprocessing {
    if (mean.length != 3 || std.length != 3 || resize < crop || crop < 1) {
      throw new IllegalArgumentException("bad preprocessing: resize " + resize + ", crop " + crop);
    }
    filter(interpolation);
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Resized and centre-cropped, still 8-bit: the image the network sees, before ToTensor. */
  public RgbImage resizeAndCrop(RgbImage image) {
    int w = image.width();
    int h = image.height();
    // torchvision 0.14 _compute_resized_output_size: the long side is truncated, not rounded.
    int newW;
    int newH;
    if (w <= h) {
      newW = resize;
      newH = (int) ((double) resize * h / w);
    } else {
      newH = resize;
      newW = (int) ((double) resize * w / h);
    }
    RgbImage resized = PilResize.resize(image, newW, newH, filter(interpolation));
    // torchvision center_crop: int(round((size - crop) / 2.0)), Python rounds half to even.
    int top = (int) Math.rint((newH - crop) / 2.0);
    int left = (int) Math.rint((newW - crop) / 2.0);
    byte[] out = new byte[crop * crop * 3];
    byte[] src = resized.pixels();
    for (int y = 0; y < crop; y++) {
      System.arraycopy(src, ((top + y) * newW + left) * 3, out, y * crop * 3, crop * 3);
    }
    return new RgbImage(crop, crop, out);
  }

  /** Writes the normalised CHW float tensor of one image into {@code dst} at {@code offset}. */
  public void toTensor(RgbImage image, float[] dst, int offset) {
    RgbImage cropped = resizeAndCrop(image);
    normalize(cropped, dst, offset);
  }

  /** ToTensor + Normalize of an already cropped image, in float32 like torchvision. */
  public void normalize(RgbImage cropped, float[] dst, int offset) {
    byte[] p = cropped.pixels();
    int plane = cropped.width() * cropped.height();
    for (int c = 0; c < 3; c++) {
      float m = mean[c];
      float s = std[c];
      int base = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        dst[base + i] = ((p[i * 3 + c] & 0xFF) / 255f - m) / s;
      }
    }
  }

  /** Floats per image: 3 x crop x crop. */
  public int tensorSize() {
    return 3 * crop * crop;
  }

  private static PilResize.Filter filter(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "bilinear" -> PilResize.Filter.BILINEAR;
      case "bicubic" -> PilResize.Filter.BICUBIC;
      default -> throw new IllegalArgumentException("unknown interpolation: " + name);
    };
  }
}
