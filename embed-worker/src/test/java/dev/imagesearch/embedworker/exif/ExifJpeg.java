package dev.imagesearch.embedworker.exif;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Inserts a hand-built EXIF segment (big-endian TIFF) into a JPEG: IFD0 with Make, Model and the
 * pointers, an Exif IFD with DateTimeOriginal and a GPS IFD.
 */
public final class ExifJpeg {
  private ExifJpeg() {}

  public static byte[] withExif(
      byte[] jpeg, String make, String model, String dateTimeOriginal, double lat, double lon) {
    ByteBuffer tiff = ByteBuffer.allocate(1024);
    tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
    byte[] makeBytes = ascii(make);
    byte[] modelBytes = ascii(model);
    byte[] dateBytes = ascii(dateTimeOriginal);
    // Layout: IFD0 (4 entries) at 8, Exif IFD (1 entry), GPS IFD (4 entries), then the data.
    int ifd0 = 8;
    int exifIfd = ifd0 + 2 + 4 * 12 + 4;
    int gpsIfd = exifIfd + 2 + 12 + 4;
    int data = gpsIfd + 2 + 4 * 12 + 4;
    int makeAt = data;
    int modelAt = makeAt + makeBytes.length;
    int dateAt = modelAt + modelBytes.length;
    int latAt = dateAt + dateBytes.length;
    int lonAt = latAt + 24;

    tiff.position(ifd0);
    tiff.putShort((short) 4);
    entry(tiff, 0x010F, 2, makeBytes.length, makeAt);
    entry(tiff, 0x0110, 2, modelBytes.length, modelAt);
    entry(tiff, 0x8769, 4, 1, exifIfd);
    entry(tiff, 0x8825, 4, 1, gpsIfd);
    tiff.putInt(0);
    tiff.putShort((short) 1);
    entry(tiff, 0x9003, 2, dateBytes.length, dateAt);
    tiff.putInt(0);
    tiff.putShort((short) 4);
    inlineAscii(tiff, 0x0001, lat >= 0 ? "N" : "S");
    entry(tiff, 0x0002, 5, 3, latAt);
    inlineAscii(tiff, 0x0003, lon >= 0 ? "E" : "W");
    entry(tiff, 0x0004, 5, 3, lonAt);
    tiff.putInt(0);
    tiff.put(makeBytes).put(modelBytes).put(dateBytes);
    degrees(tiff, Math.abs(lat));
    degrees(tiff, Math.abs(lon));

    byte[] body = new byte[tiff.position()];
    tiff.flip().get(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + header.length + body.length;
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(header);
    out.writeBytes(body);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return (s + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }

  private static void inlineAscii(ByteBuffer b, int tag, String oneLetter) {
    b.putShort((short) tag).putShort((short) 2).putInt(2);
    b.put((byte) oneLetter.charAt(0)).put((byte) 0).putShort((short) 0);
  }

  /** Degrees, minutes, seconds as three rationals; seconds in 1/1000. */
  private static void degrees(ByteBuffer b, double value) {
    int d = (int) value;
    int m = (int) ((value - d) * 60);
    long s = Math.round(((value - d) * 60 - m) * 60 * 1000);
    b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(1000);
  }
}
