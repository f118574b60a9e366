package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.nio.charset.StandardCharsets;

/** Identifies the container from its magic bytes, before any decoder sees the data. */
final class FormatSniffer {
  private FormatSniffer() {}

  static ImageFormat sniff(byte[] b) throws ImageDecodeException {
    if (b.length == 0) {
      throw new ImageDecodeException(Reason.NOT_AN_IMAGE, "The file is empty.");
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return ImageFormat.JPEG;
    }
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return ImageFormat.PNG;
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return ImageFormat.GIF;
    }
    if (starts(b, 'B', 'M')) {
      return ImageFormat.BMP;
    }
    if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)) {
      return ImageFormat.TIFF;
    }
    if (starts(b, 'R', 'I', 'F', 'F') && ascii(b, 8, 4).equals("WEBP")) {
      return ImageFormat.WEBP;
    }
    String unsupported = unsupportedName(b);
    if (unsupported != null) {
      // Why HEIC and AVIF are refused is the first thing a phone user asks.
      String why =
          IsoMediaBrands.isPhotoFormat(unsupported)
              ? " (no well-kept decoder for them runs on the JVM)"
              : "";
      throw new ImageDecodeException(
          Reason.UNSUPPORTED_FORMAT,
          unsupported
              + " images are not supported"
              + why
              + "; use JPEG, PNG, WebP, GIF, BMP or TIFF.");
    }
    if (b.length < 8 && (starts(b, 0xFF, 0xD8) || starts(b, 0x89, 'P'))) {
      throw new ImageDecodeException(Reason.TRUNCATED, "The image ends before its header does.");
    }
    throw new ImageDecodeException(
        Reason.NOT_AN_IMAGE, "This is not an image (unknown file signature).");
  }

  private static String unsupportedName(byte[] b) {
    if (IsoMediaBrands.isIsoMedia(b)) {
      return IsoMediaBrands.name(b);
    }
    if (starts(b, '8', 'B', 'P', 'S')) {
      return "Photoshop (PSD)";
    }
    if (starts(b, 0, 0, 1, 0)) {
      return "ICO";
    }
    if (starts(b, 0, 0, 0, 0x0C, 'j', 'P') || starts(b, 0xFF, 0x4F, 0xFF, 0x51)) {
      return "JPEG 2000";
    }
    if (starts(b, 0xFF, 0x0A) || ascii(b, 4, 4).equals("JXL ")) {
      return "JPEG XL";
    }
    String head = ascii(b, 0, Math.min(b.length, 256)).trim().toLowerCase(java.util.Locale.ROOT);
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
      return "SVG";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int from, int length) {
    if (b.length < from + length) {
      return "";
    }
    return new String(b, from, length, StandardCharsets.ISO_8859_1);
  }
}
