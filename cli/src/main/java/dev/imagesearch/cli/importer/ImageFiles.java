package dev.imagesearch.cli.importer;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds the images under a folder: recursive, symlinks followed but never in a loop, sorted. */
public final class ImageFiles {
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "png", "image/png",
          "webp", "image/webp",
          "gif", "image/gif",
          "bmp", "image/bmp",
          "tif", "image/tiff",
          "tiff", "image/tiff");

  private ImageFiles() {}

  /** One image to upload; {@code relative} uses '/' and is what the user sees in reports. */
  public record ImageFile(Path path, String relative, long size, String contentType) {
    String filename() {
      return path.getFileName().toString();
    }
  }

  /**
   * What a walk found: images in sorted order, how many other files, and what could not be read.
   */
  public record Scan(Path root, List<ImageFile> images, int skipped, List<String> warnings) {
    long totalBytes() {
      return images.stream().mapToLong(ImageFile::size).sum();
    }
  }

  /** The content type for a file name by its extension, case-insensitive; null if not an image. */
  static String contentType(String filename) {
    int dot = filename.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    return CONTENT_TYPES.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  public static Scan scan(Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    List<ImageFile> images = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int[] skipped = {0};
    Files.walkFileTree(
        base,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String type = contentType(file.getFileName().toString());
            if (attrs.isRegularFile() && type != null) {
              images.add(new ImageFile(file, relative(base, file), attrs.size(), type));
            } else {
              skipped[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              warnings.add(relative(base, file) + ": symbolic link loop, not followed");
            } else {
              warnings.add(relative(base, file) + ": cannot read (" + e.getMessage() + ")");
            }
            return FileVisitResult.CONTINUE;
          }
        });
    images.sort(Comparator.comparing(ImageFile::relative));
    return new Scan(base, List.copyOf(images), skipped[0], List.copyOf(warnings));
  }

  private static String relative(Path base, Path file) {
    String rel = base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    return rel.isEmpty() ? file.toString() : rel;
  }
}
