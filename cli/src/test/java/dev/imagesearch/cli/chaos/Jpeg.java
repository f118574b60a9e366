package dev.imagesearch.cli.chaos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Edits of a valid JPEG: other dimensions in its frame header, extra marker segments. */
final class Jpeg {
  private Jpeg() {}

  /** The same file with its SOFn header claiming {@code width × height}: a header lie. */
  static byte[] withSize(byte[] jpeg, int width, int height) {
    byte[] lie = jpeg.clone();
    int at = 2;
    while (at + 4 < lie.length) {
      int marker = lie[at + 1] & 0xFF;
      int length = (lie[at + 2] & 0xFF) << 8 | lie[at + 3] & 0xFF;
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        ByteBuffer.wrap(lie, at + 5, 4).putShort((short) height).putShort((short) width);
        return lie;
      }
      at += 2 + length;
    }
    throw new IllegalArgumentException("no frame header");
  }

  /**
   * A valid baseline JPEG of {@code width × height} (multiples of 8) in mid gray, written without
   * encoding its pixels, which takes seconds at 64 MP: the headers of an encoded 8×8 gray-128 image
   * with the frame size changed, then one 6-bit block per 8×8 (DC difference 0 is "00", the end of
   * block "1010" in the standard tables) repeated.
   */
  static byte[] flatGray(int width, int height) {
    java.awt.image.BufferedImage block =
        new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    java.util.Arrays.fill(
        ((java.awt.image.DataBufferByte) block.getRaster().getDataBuffer()).getData(), (byte) 128);
    byte[] one = withSize(Bombs.jpeg(block, false), width, height);
    int at = 2;
    while ((one[at + 1] & 0xFF) != 0xDA) {
      at += 2 + ((one[at + 2] & 0xFF) << 8 | one[at + 3] & 0xFF);
    }
    int headers = at + 2 + ((one[at + 2] & 0xFF) << 8 | one[at + 3] & 0xFF);
    long bits = 6L * (width / 8) * (height / 8);
    if (width % 8 != 0 || height % 8 != 0 || bits % 24 != 0) {
      throw new IllegalArgumentException(
          "a multiple of 4 blocks of 8×8, not " + width + "×" + height);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(one, 0, headers);
    byte[] period = {0x28, (byte) 0xA2, (byte) 0x8A}; // 001010 ×4, no 0xFF to stuff
    for (long i = 0; i < bits / 24; i++) {
      out.writeBytes(period);
    }
    out.write(0xFF);
    out.write(0xD9);
    return out.toByteArray();
  }

  /** {@code count} copies of one segment right after SOI, then the rest of the file. */
  static byte[] withSegments(byte[] jpeg, int marker, int count, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    for (int i = 0; i < count; i++) {
      int length = payload.length + 2;
      out.write(0xFF);
      out.write(marker);
      out.write(length >> 8);
      out.write(length & 0xFF);
      out.writeBytes(payload);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] exif(byte[] tiff) {
    return concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff);
  }

  /** A little-endian TIFF header whose first IFD starts at offset 8, then {@code rest}. */
  static byte[] tiffHeaderThen(byte[] rest) {
    return concat(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}, rest);
  }

  /**
   * An IFD whose sub-IFD pointer and next-IFD offset both point back at itself, and whose one
   * string claims two billion characters.
   */
  static byte[] loopingIfd() {
    ByteBuffer ifd = ByteBuffer.allocate(2 + 3 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
    ifd.putShort((short) 3);
    ifd.putShort((short) 0x010F).putShort((short) 2).putInt(0x7FFFFFF0).putInt(8);
    ifd.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(8);
    ifd.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(8);
    ifd.putInt(8);
    return tiffHeaderThen(ifd.array());
  }

  /** One ICC_PROFILE part of {@code parts}, whose profile header claims 2 GB. */
  static byte[] iccPart(int parts) {
    ByteBuffer icc = ByteBuffer.allocate(14 + 128);
    icc.put("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) parts);
    icc.putInt(0x7FFFFFFF).put("lcms".getBytes(StandardCharsets.US_ASCII));
    return icc.array();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
