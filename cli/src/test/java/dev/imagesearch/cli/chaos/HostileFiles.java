package dev.imagesearch.cli.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damaged copies of small valid images, made from a seed: truncations, bit flips, header flips,
 * overwritten spans and dimension lies. The same seed and index give the same bytes.
 */
final class HostileFiles {
  private static final String[] FORMATS = {"jpeg", "png", "gif", "bmp", "tiff"};
  private static final String[] KINDS = {"cut", "flips", "header", "span", "lie", "zeros"};

  private final long seed;
  private final List<byte[]> bases = new ArrayList<>();
  private final List<String> extensions = new ArrayList<>();

  HostileFiles(long seed) {
    this.seed = seed;
    Random random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      String format = FORMATS[i % FORMATS.length];
      int width = 16 + random.nextInt(300);
      int height = 16 + random.nextInt(300);
      bases.add(Bombs.encode(LargePhotos.draw(width, height, seed + i), format));
      extensions.add(format.equals("jpeg") ? "jpg" : format);
    }
  }

  Sample get(int index) {
    Random random = new Random(seed * 31 + index);
    int base = random.nextInt(bases.size());
    byte[] bytes = bases.get(base).clone();
    String kind = KINDS[random.nextInt(KINDS.length)];
    bytes =
        switch (kind) {
          case "cut" -> java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
          case "flips" -> flip(bytes, random, bytes.length, 1 + random.nextInt(16));
          case "header" -> flip(bytes, random, Math.min(bytes.length, 100), 1 + random.nextInt(4));
          case "span" -> overwrite(bytes, random);
          case "lie" -> lie(bytes, extensions.get(base), random);
          default -> zeroTail(bytes, random);
        };
    return new Sample(String.format("mutant-%05d-%s.%s", index, kind, extensions.get(base)), bytes);
  }

  private static byte[] flip(byte[] bytes, Random random, int within, int count) {
    for (int i = 0; i < count; i++) {
      bytes[random.nextInt(within)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  private static byte[] overwrite(byte[] bytes, Random random) {
    int from = random.nextInt(bytes.length);
    int to = Math.min(bytes.length, from + 1 + random.nextInt(512));
    for (int i = from; i < to; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] zeroTail(byte[] bytes, Random random) {
    java.util.Arrays.fill(
        bytes, bytes.length / 2 + random.nextInt(bytes.length / 2), bytes.length, (byte) 0);
    return bytes;
  }

  /** Dimensions up to 65535 in the header of a file whose pixel data is for a small image. */
  private static byte[] lie(byte[] bytes, String extension, Random random) {
    int width = 1 + random.nextInt(65535);
    int height = 1 + random.nextInt(65535);
    return switch (extension) {
      case "jpg" -> Jpeg.withSize(bytes, width, height);
      case "png" -> {
        java.nio.ByteBuffer.wrap(bytes, 16, 8).putInt(width).putInt(height);
        yield bytes; // the IHDR CRC no longer matches either
      }
      default -> flip(bytes, random, Math.min(bytes.length, 32), 2);
    };
  }
}
