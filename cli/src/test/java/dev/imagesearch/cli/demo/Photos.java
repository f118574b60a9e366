package dev.imagesearch.cli.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small, distinct pictures drawn from a seed: colour fields, circles and bars. */
final class Photos {
  private Photos() {}

  /** {@code count} photos, photo-0.jpg, photo-1.png, ... */
  static void drawFolder(Path folder, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      draw(folder.resolve("photo-" + i + (i % 2 == 0 ? ".jpg" : ".png")), i);
    }
  }

  /** The same picture in another format: other bytes (another id), nearly the same pixels. */
  static Path reencode(Path source, Path target) throws IOException {
    BufferedImage image = ImageIO.read(source.toFile());
    Files.createDirectories(target.getParent());
    ImageIO.write(image, "jpg", target.toFile());
    return target;
  }

  /**
   * A PNG whose header (signature, IHDR, size) is sound but whose pixel data (IDAT) is garbage: an
   * upload check that reads headers takes it, a decoder cannot.
   */
  static Path corruptPng(Path file, long seed) throws IOException {
    draw(file, seed);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer png = ByteBuffer.wrap(bytes);
    int at = 8; // after the signature
    while (at < bytes.length) {
      int length = png.getInt(at);
      String type = new String(bytes, at + 4, 4, StandardCharsets.US_ASCII);
      if (type.equals("IDAT")) {
        Random garbage = new Random(seed);
        for (int i = at + 8 + 2; i < at + 8 + length; i++) { // keeps the zlib header
          bytes[i] = (byte) garbage.nextInt(256);
        }
        Files.write(file, bytes);
        return file;
      }
      at += 12 + length;
    }
    throw new IllegalStateException("no IDAT chunk in " + file);
  }

  static Path draw(Path file, long seed) throws IOException {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(192, 144, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillRect(0, 0, 192, 144);
      for (int i = 0; i < 6; i++) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        int x = random.nextInt(160);
        int y = random.nextInt(110);
        int size = 20 + random.nextInt(60);
        if (random.nextBoolean()) {
          g.fillOval(x, y, size, size);
        } else {
          g.fillRect(x, y, size, size / 3);
        }
      }
    } finally {
      g.dispose();
    }
    Files.createDirectories(file.getParent());
    String format = file.toString().endsWith(".png") ? "png" : "jpg";
    ImageIO.write(image, format, file.toFile());
    return file;
  }
}
