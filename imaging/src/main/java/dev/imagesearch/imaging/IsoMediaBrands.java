package dev.imagesearch.imaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names an ISO-BMFF file (HEIC and AVIF phone photos, MP4 video) from the brands of its leading
 * {@code ftyp} box. Phones write the specific brand either as the major brand ({@code heic}) or
 * only among the compatible ones (major {@code mif1}), so all of them are read.
 */
final class IsoMediaBrands {
  private static final Set<String> AVIF = Set.of("avif", "avis", "avio");
  private static final Set<String> HEIC =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
  private static final Set<String> HEIF = Set.of("mif1", "mif2", "msf1");

  /** A sane ftyp box is a few dozen bytes; a hostile size must not make us read further. */
  private static final int MAX_BOX = 256;

  private IsoMediaBrands() {}

  /** True when {@code b} starts with an ISO-BMFF {@code ftyp} box. */
  static boolean isIsoMedia(byte[] b) {
    return b.length >= 12 && new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp");
  }

  /** "AVIF", "HEIC", "HEIF", or "ISO media ('BRAND')" for other ISO files such as MP4 video. */
  static String name(byte[] b) {
    List<String> brands = brands(b);
    if (brands.stream().anyMatch(AVIF::contains)) {
      return "AVIF";
    }
    if (brands.stream().anyMatch(HEIC::contains)) {
      return "HEIC";
    }
    if (brands.stream().anyMatch(HEIF::contains)) {
      return "HEIF";
    }
    return "ISO media ('" + brands.getFirst().strip() + "')";
  }

  /** True for the HEIF family, the photo formats a phone writes. */
  static boolean isPhotoFormat(String name) {
    return name.equals("AVIF") || name.equals("HEIC") || name.equals("HEIF");
  }

  /** The major brand, then the compatible brands (after the 4-byte minor version). */
  private static List<String> brands(byte[] b) {
    long declared =
        ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | b[3] & 0xFF;
    int end = (int) Math.min(Math.min(declared, MAX_BOX), b.length);
    List<String> brands = new ArrayList<>();
    brands.add(new String(b, 8, 4, StandardCharsets.ISO_8859_1));
    for (int at = 16; at + 4 <= end; at += 4) {
      brands.add(new String(b, at, 4, StandardCharsets.ISO_8859_1));
    }
    return brands;
  }
}
