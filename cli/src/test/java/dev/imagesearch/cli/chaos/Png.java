package dev.imagesearch.cli.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Writes PNG chunks by hand, so a file can say what no encoder would write. */
final class Png {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Png() {
    out.writeBytes(SIGNATURE);
  }

  /** IHDR: {@code colorType} 0 gray, 2 RGB, 6 RGBA. */
  Png header(long width, long height, int bitDepth, int colorType) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt((int) width).putInt((int) height);
    ihdr.put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
    return chunk("IHDR", ihdr.array());
  }

  Png chunk(String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return this;
  }

  /** IDAT holding {@code rows} zero rows of {@code rowBytes} (plus the filter byte), streamed. */
  Png zeroRows(long rows, int rowBytes) {
    return chunk("IDAT", deflatedZeros(rows, rowBytes + 1));
  }

  Png end() {
    return chunk("IEND", new byte[0]);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** Zlib data inflating to {@code count × length} zero bytes, made without holding them. */
  static byte[] deflatedZeros(long count, int length) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    byte[] zeros = new byte[length];
    try (DeflaterOutputStream zip =
        new DeflaterOutputStream(packed, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
      for (long i = 0; i < count; i++) {
        zip.write(zeros);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packed.toByteArray();
  }

  /** A keyword, NUL, then what follows: the layout of tEXt, zTXt, iTXt and iCCP. */
  static byte[] keyword(String keyword, byte[]... rest) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
    data.write(0);
    for (byte[] part : rest) {
      data.writeBytes(part);
    }
    return data.toByteArray();
  }
}
