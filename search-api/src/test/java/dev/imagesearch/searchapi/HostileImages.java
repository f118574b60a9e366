package dev.imagesearch.searchapi;

import dev.imagesearch.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** The query images of issue 12 (F2) that once got no answer, generated, never committed. */
public final class HostileImages {
  private HostileImages() {}

  /** A small real JPEG whose SOF0 header claims {@code width x height}, its data far too short. */
  public static byte[] jpegClaiming(int width, int height) {
    byte[] jpeg = TestImages.jpeg(1, 16, 16);
    for (int i = 2; i + 9 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
        ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
        return jpeg;
      }
    }
    throw new IllegalStateException("no SOF0 marker");
  }

  /** A real, flat {@code width x height} JPEG (the test JVM holds it once while encoding). */
  public static byte[] flatJpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpeg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid 64 x 64 PNG with a text chunk before its pixels whose text inflates to {@code inflated}
   * bytes: {@code zTXt}, or {@code iTXt} with the compression flag set.
   */
  public static byte[] pngWithTextBomb(String type, int inflated) {
    byte[] png = TestImages.png(7, 64, 64);
    byte[] compressed = deflate(inflated);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
    body.write(0);
    if (type.equals("iTXt")) {
      body.writeBytes(new byte[] {1, 0, 0, 0}); // compressed, deflate, no language, no keyword
    } else {
      body.write(0); // deflate
    }
    body.writeBytes(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33); // signature and IHDR
    out.writeBytes(chunk(type, body.toByteArray()));
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  /**
   * A little-endian baseline TIFF whose one IFD claims {@code width x height} 8-bit RGB pixels in
   * one uncompressed strip of a few bytes.
   */
  public static byte[] tiffClaiming(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    short[][] entries = {
      {256, 4}, {257, 4}, {258, 3}, {259, 3}, {262, 3}, {273, 4}, {277, 3}, {278, 4}, {279, 4}
    };
    long[] values = {width, height, 8, 1, 2, 200, 3, height, 16};
    b.putShort((short) entries.length);
    for (int i = 0; i < entries.length; i++) {
      b.putShort(entries[i][0]).putShort(entries[i][1]).putInt(1);
      if (entries[i][1] == 3) {
        b.putShort((short) values[i]).putShort((short) 0);
      } else {
        b.putInt((int) values[i]);
      }
    }
    b.putInt(0);
    return Arrays.copyOf(b.array(), 216);
  }

  private static byte[] deflate(int zeros) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[zeros]);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeInt(data.length);
      byte[] typed = new byte[4 + data.length];
      System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, typed, 0, 4);
      System.arraycopy(data, 0, typed, 4, data.length);
      out.write(typed);
      CRC32 crc = new CRC32();
      crc.update(typed);
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
