package dev.imagesearch.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3StoreTest {
  @TempDir Path dir;

  /** s3proxy.properties holds the store's secret key. */
  @Test
  void itsConfigurationIsReadableByItsOwnerOnlyEvenWhenAnOlderOneWasNot() throws Exception {
    Path config = dir.resolve("s3proxy.properties");
    Files.writeString(config, "from an older version\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

    try (S3Store store =
        S3Store.start(new S3Store.Settings(dir, dir.resolve("s3.log"), 0, "64m", false))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(config)).contains("s3proxy.credential=");
      assertThat(S3Store.probe(store.endpoint()).up()).isTrue();
    }
  }
}
