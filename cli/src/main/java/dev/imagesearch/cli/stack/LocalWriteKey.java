package dev.imagesearch.cli.stack;

import dev.imagesearch.contracts.ApiKeyHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's write key: made on the first {@code up}, kept in {@code var/api-key} (readable
 * by its owner only). The ingest-service only ever sees its SHA-256.
 */
record LocalWriteKey(String value, boolean created) {
  static LocalWriteKey ensure(Stack stack) {
    Path file = stack.var().resolve("api-key");
    try {
      if (Files.isRegularFile(file)) {
        return new LocalWriteKey(Files.readAllLines(file).getFirst().strip(), false);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(file.getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n");
      return new LocalWriteKey(key, true);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create " + file, e);
    }
  }

  /**
   * What {@code up} prints about the key: the key itself once, when it is made, so that clients
   * outside this machine's {@code import} can be given it; afterwards only where it is kept.
   */
  String notice(Stack stack) {
    Path file = stack.var().resolve("api-key");
    return created
        ? "Made a write API key (uploads, deletes), kept in "
            + file
            + ":\n  "
            + value
            + "\n  Send it as 'Authorization: Bearer <key>'; ./imagesearch import reads it from there."
        : "Write API key: in " + file;
  }

  String sha256() {
    return ApiKeyHash.of(value);
  }

  /** The ingest-service's configuration of this key, as command-line properties. */
  String[] ingestArguments() {
    return new String[] {
      "--imagesearch.security.api-keys[0].name=local",
      "--imagesearch.security.api-keys[0].sha256=" + sha256(),
      "--imagesearch.security.api-keys[0].role=WRITE"
    };
  }
}
