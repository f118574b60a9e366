package dev.imagesearch.cli.chaos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * WebP containers written by hand: the build has a WebP reader but no writer, so these are header
 * lies (valid RIFF and frame headers claiming huge sizes, followed by a few bytes of data).
 */
final class Webp {
  private Webp() {}

  /** VP8L: 14-bit width-1 and height-1 after the 0x2F signature. */
  static byte[] losslessHeader(int width, int height) {
    ByteBuffer vp8l = ByteBuffer.allocate(5 + 16).order(ByteOrder.LITTLE_ENDIAN);
    vp8l.put((byte) 0x2F).putInt((width - 1) | (height - 1) << 14);
    vp8l.put(new byte[] {0x07, 0x10, 0x0C, (byte) 0xFF, 0x00, 0x11, 0x22, 0x33});
    return riff(chunk("VP8L", vp8l.array()));
  }

  /** VP8X with a 24-bit canvas of {@code width × height}, then a small VP8L frame. */
  static byte[] extendedCanvas(int width, int height) {
    ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.putInt(0);
    int w = width - 1;
    int h = height - 1;
    vp8x.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
    vp8x.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
    byte[] frame = losslessHeader(width, height);
    byte[] inner = java.util.Arrays.copyOfRange(frame, 12, frame.length);
    return riff(Jpeg.concat(chunk("VP8X", vp8x.array()), inner));
  }

  /** VP8 key frame: start code 9D 01 2A, then 14-bit width and height. */
  static byte[] lossyHeader(int width, int height) {
    ByteBuffer vp8 = ByteBuffer.allocate(10 + 16).order(ByteOrder.LITTLE_ENDIAN);
    int partition = 16;
    int tag = 0 | (0 << 1) | (1 << 4) | (partition << 5);
    vp8.put((byte) tag).put((byte) (tag >> 8)).put((byte) (tag >> 16));
    vp8.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
    vp8.putShort((short) width).putShort((short) height);
    return riff(chunk("VP8 ", vp8.array()));
  }

  private static byte[] chunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(8 + data.length + data.length % 2);
    chunk.order(ByteOrder.LITTLE_ENDIAN);
    chunk.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return chunk.array();
  }

  private static byte[] riff(byte[] chunks) {
    ByteBuffer riff = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length);
    riff.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunks);
    return riff.array();
  }
}
