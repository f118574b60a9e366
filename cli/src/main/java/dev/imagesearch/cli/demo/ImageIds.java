package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The ids the server gives a folder's images: the SHA-256 of each file's bytes. */
final class ImageIds {
  private static final Pattern IMAGE = Pattern.compile(".*\\.(jpe?g|png|webp|gif|bmp|tiff?)");

  private ImageIds() {}

  static Set<String> of(Path folder) throws IOException {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).filter(ImageIds::isImage).toList()) {
        ids.add(sha256(file));
      }
    }
    return ids;
  }

  static boolean isImage(Path file) {
    return IMAGE.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
