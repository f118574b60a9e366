package dev.imagesearch.imaging;

/** Reads JPEG marker segments up to the first scan, without decoding anything. */
final class JpegMarkers {
  private JpegMarkers() {}

  /**
   * True when an Adobe APP14 segment is present: Adobe writes CMYK inverted, and Pillow (libjpeg
   * "CMYK;I") reads such files inverted, so the raw samples are inverted back.
   */
  static boolean hasAdobeSegment(byte[] b) {
    int i = 2;
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return false;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return false;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (marker == 0xEE
          && length >= 7
          && i + 9 <= b.length
          && b[i + 4] == 'A'
          && b[i + 5] == 'd'
          && b[i + 6] == 'o'
          && b[i + 7] == 'b'
          && b[i + 8] == 'e') {
        return true;
      }
      i += 2 + length;
    }
    return false;
  }
}
