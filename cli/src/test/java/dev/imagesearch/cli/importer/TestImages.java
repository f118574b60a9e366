package dev.imagesearch.cli.importer;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/** Makes small real images and runs the import command the way a user does. */
final class TestImages {
  static final Uploader.Settings FAST_RETRY =
      new Uploader.Settings(5, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(50));

  private TestImages() {}

  /** Writes a small image whose format follows the extension; each seed gives other bytes. */
  static Path image(Path dir, String relative, int seed) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      BufferedImage img = new BufferedImage(8 + seed % 5, 8, BufferedImage.TYPE_INT_RGB);
      img.setRGB(0, 0, new Color(seed * 37 % 256, seed * 91 % 256, 200).getRGB());
      String ext = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase();
      String format = ext.equals("jpeg") ? "jpg" : ext.startsWith("tif") ? "tiff" : ext;
      if (!ImageIO.write(img, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path text(Path dir, String relative, String content) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exit, String out, String err) {}

  /** Runs {@code import} with fast retries, no progress bar, and no key from the environment. */
  static Result run(Path varDir, String... args) {
    return run(Map.of("IMAGESEARCH_VAR", varDir.toString()), args);
  }

  static Result run(Map<String, String> env, String... args) {
    ImportCommand command = new ImportCommand();
    command.env = env;
    command.retry = FAST_RETRY;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
