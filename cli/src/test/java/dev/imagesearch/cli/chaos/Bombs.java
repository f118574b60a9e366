package dev.imagesearch.cli.chaos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decompression bombs of every format we take (huge dimensions in small files, some valid, some
 * header lies) and metadata bombs (compressed chunks that inflate to hundreds of megabytes, huge or
 * looping EXIF). Every file is the same on every run.
 */
final class Bombs {
  private static final int MB = 1 << 20;

  private Bombs() {}

  static List<Sample> all() {
    List<Sample> all = new ArrayList<>();
    all.addAll(decompression());
    all.addAll(metadata());
    return all;
  }

  /** The files F1 and F2 name first: the cheapest way to reach a decoder with a huge image. */
  static List<Sample> decompression() {
    byte[] small = jpeg(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), false);
    return List.of(
        new Sample(
            "png-gray-8000x8000.png",
            new Png().header(8000, 8000, 8, 0).zeroRows(8000, 8000).end().bytes()),
        new Sample(
            "png-gray-8001x8000.png",
            new Png().header(8001, 8000, 8, 0).zeroRows(8000, 8001).end().bytes()),
        new Sample(
            "png-64000000x1.png",
            new Png().header(64_000_000, 1, 8, 0).zeroRows(1, 64_000_000).end().bytes()),
        new Sample(
            "png-rgba16-8000x8000.png",
            new Png().header(8000, 8000, 16, 6).zeroRows(8000, 64_000).end().bytes()),
        new Sample(
            "png-lie-100000x100000.png",
            new Png().header(100_000, 100_000, 8, 2).zeroRows(2, 300_000).end().bytes()),
        new Sample(
            "png-lie-2147483647x1.png",
            new Png().header(Integer.MAX_VALUE, 1, 8, 0).zeroRows(1, 100).end().bytes()),
        new Sample("jpeg-lie-8000x8000.jpg", Jpeg.withSize(small, 8000, 8000)),
        new Sample("jpeg-lie-65500x65500.jpg", Jpeg.withSize(small, 65500, 65500)),
        new Sample("jpeg-gray-8000x8000.jpg", Jpeg.flatGray(8000, 8000)),
        new Sample(
            "jpeg-progressive-lie-8000x8000.jpg",
            Jpeg.withSize(
                jpeg(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), true), 8000, 8000)),
        new Sample("gif-lie-65535x65535.gif", gifLie()),
        new Sample(
            "gif-8000x8000.gif",
            encode(new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_BINARY), "gif")),
        new Sample("bmp-lie-30000x30000.bmp", bmp(30000, 30000, 24, 0, new byte[64])),
        new Sample("bmp-rle8-8000x8000.bmp", bmp(8000, 8000, 8, 1, rle8(8000, 8000))),
        new Sample("tiff-gray-8000x8000.tif", tiff(8000, 8000, Png.deflatedZeros(8000, 8000))),
        new Sample("tiff-lie-100000x100000.tif", tiff(100_000, 100_000, new byte[16])),
        new Sample("webp-vp8l-lie-16384x16384.webp", Webp.losslessHeader(16384, 16384)),
        new Sample(
            "webp-vp8x-lie-16777216x16777216.webp", Webp.extendedCanvas(16_777_216, 16_777_216)),
        new Sample("webp-vp8-lie-16383x16383.webp", Webp.lossyHeader(16383, 16383)),
        new Sample("heic-brand.heic", heif()));
  }

  static List<Sample> metadata() {
    byte[] base = jpeg(LargePhotos.draw(64, 48, 7), false);
    byte[] inflating = Png.deflatedZeros(300, MB);
    return List.of(
        new Sample(
            "png-ztxt-300mb.png",
            pngWith("zTXt", Png.keyword("Comment", new byte[] {0}, inflating))),
        new Sample(
            "png-itxt-300mb.png",
            pngWith("iTXt", Png.keyword("XML:com.adobe.xmp", new byte[] {1, 0, 0, 0}, inflating))),
        new Sample(
            "png-iccp-300mb.png", pngWith("iCCP", Png.keyword("icc", new byte[] {0}, inflating))),
        new Sample("png-exif-16mb.png", pngWith("eXIf", Jpeg.tiffHeaderThen(new byte[16 * MB]))),
        new Sample("png-1000-text-chunks.png", pngWithTexts(1000, 10_000)),
        new Sample(
            "jpeg-exif-300-segments.jpg",
            Jpeg.withSegments(base, 0xE1, 300, Jpeg.exif(new byte[65_000]))),
        new Sample(
            "jpeg-exif-loop.jpg", Jpeg.withSegments(base, 0xE1, 1, Jpeg.exif(Jpeg.loopingIfd()))),
        new Sample("jpeg-icc-255-parts.jpg", Jpeg.withSegments(base, 0xE2, 3, Jpeg.iccPart(255))),
        new Sample(
            "jpeg-1000-comments.jpg", Jpeg.withSegments(base, 0xFE, 1000, new byte[20_000])));
  }

  private static byte[] pngWith(String type, byte[] data) {
    return new Png().header(64, 48, 8, 2).chunk(type, data).zeroRows(48, 64 * 3).end().bytes();
  }

  private static byte[] pngWithTexts(int count, int size) {
    Png png = new Png().header(64, 48, 8, 2);
    for (int i = 0; i < count; i++) {
      png.chunk("tEXt", Png.keyword("Comment" + i, new byte[size]));
    }
    return png.zeroRows(48, 64 * 3).end().bytes();
  }

  static byte[] jpeg(BufferedImage image, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Logical screen and frame of 65535×65535, then a few bytes of LZW data. */
  private static byte[] gifLie() {
    ByteBuffer gif = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
    gif.putShort((short) 65535)
        .putShort((short) 65535)
        .put((byte) 0x80)
        .put((byte) 0)
        .put((byte) 0);
    gif.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0);
    gif.putShort((short) 65535).putShort((short) 65535).put((byte) 0);
    gif.put((byte) 2).put((byte) 3).put(new byte[] {(byte) 0x84, 0x1D, 0x05}).put((byte) 0);
    gif.put((byte) 0x3B);
    return java.util.Arrays.copyOf(gif.array(), gif.position());
  }

  /** BITMAPINFOHEADER; a negative height would mean top-down, so it stays positive. */
  static byte[] bmp(int width, int height, int bitCount, int compression, byte[] pixels) {
    int palette = bitCount <= 8 ? 2 * 4 : 0;
    int offset = 14 + 40 + palette;
    ByteBuffer bmp = ByteBuffer.allocate(offset + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
    bmp.put((byte) 'B').put((byte) 'M').putInt(offset + pixels.length).putInt(0).putInt(offset);
    bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bitCount);
    bmp.putInt(compression).putInt(pixels.length).putInt(2835).putInt(2835);
    bmp.putInt(palette / 4).putInt(0);
    if (palette > 0) {
      bmp.putInt(0).putInt(0xFFFFFF);
    }
    bmp.put(pixels);
    return bmp.array();
  }

  /** Runs of 255 pixels, an end-of-line per row, end-of-bitmap: 64 MP in half a megabyte. */
  private static byte[] rle8(int width, int height) {
    ByteArrayOutputStream rle = new ByteArrayOutputStream();
    for (int y = 0; y < height; y++) {
      for (int left = width; left > 0; left -= 255) {
        rle.write(Math.min(255, left));
        rle.write(1);
      }
      rle.write(0);
      rle.write(0);
    }
    rle.write(0);
    rle.write(1);
    return rle.toByteArray();
  }

  /** A little-endian 8-bit gray TIFF with one Deflate strip. */
  static byte[] tiff(int width, int height, byte[] strip) {
    int entries = 9;
    int dataAt = 8 + 2 + entries * 12 + 4;
    ByteBuffer tiff = ByteBuffer.allocate(dataAt + strip.length).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) entries);
    entry(tiff, 256, 4, width);
    entry(tiff, 257, 4, height);
    entry(tiff, 258, 3, 8);
    entry(tiff, 259, 3, 8);
    entry(tiff, 262, 3, 1);
    entry(tiff, 273, 4, dataAt);
    entry(tiff, 277, 3, 1);
    entry(tiff, 278, 4, height);
    entry(tiff, 279, 4, strip.length);
    tiff.putInt(0);
    tiff.put(strip);
    return tiff.array();
  }

  private static void entry(ByteBuffer tiff, int tag, int type, int value) {
    tiff.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      tiff.putShort((short) value).putShort((short) 0);
    } else {
      tiff.putInt(value);
    }
  }

  /** An ISO-BMFF 'ftyp' box with the HEIF brands, then a truncated 'meta' box. */
  private static byte[] heif() {
    ByteBuffer box = ByteBuffer.allocate(40);
    box.putInt(24).put("ftypheic".getBytes(StandardCharsets.US_ASCII)).putInt(0);
    box.put("mif1heic".getBytes(StandardCharsets.US_ASCII));
    box.putInt(0x7FFFFFFF).put("meta".getBytes(StandardCharsets.US_ASCII)).putInt(0);
    return java.util.Arrays.copyOf(box.array(), box.position());
  }
}
