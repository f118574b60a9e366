package dev.imagesearch.cli.demo;

import dev.imagesearch.cli.importer.ImageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ids the server gives a folder's images: the SHA-256 of each file's bytes, for the files that
 * {@code import} uploads.
 */
final class ImageIds {
  private ImageIds() {}

  static Set<String> of(Path folder) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (ImageFiles.ImageFile image : ImageFiles.scan(folder).images()) {
      ids.add(sha256(image.path()));
    }
    return ids;
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
