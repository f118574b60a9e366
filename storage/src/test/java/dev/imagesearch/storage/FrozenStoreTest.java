package dev.imagesearch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.Frozen;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** A store of its own, frozen with SIGSTOP: every call gives up within the call timeout. */
class FrozenStoreTest {
  static final Duration ATTEMPT = Duration.ofSeconds(1);
  static final Duration CALL = Duration.ofSeconds(3);
  @TempDir static Path dir;
  static S3Store server;
  static S3AsyncClient s3;
  static ImageStore store;

  @BeforeAll
  static void start() {
    server = S3Store.start(new S3Store.Settings(dir, dir.resolve("s3proxy.log"), 0, "256m", false));
    var properties =
        new S3Properties(
            URI.create(server.endpoint()),
            S3Store.REGION,
            "frozen-test",
            S3Store.ACCESS_KEY,
            S3Store.SECRET_KEY,
            true,
            true,
            ATTEMPT,
            CALL);
    var configuration = new StorageConfiguration();
    s3 = configuration.s3AsyncClient(properties);
    store = configuration.imageStore(s3, properties);
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFrozenStoreFailsEachCallWithinTheCallTimeoutAndServesAgainOnceItThaws() {
    byte[] bytes = "before the freeze".getBytes(StandardCharsets.UTF_8);
    String id = ImageStoreTest.sha256(bytes);
    // A pooled connection is open when the store freezes, as in a running service.
    store.putOriginal(id, bytes, "image/png", Map.of()).block();

    Frozen frozen = Frozen.freeze(server.process());
    try {
      long start = System.nanoTime();
      Throwable read = catchThrowable(() -> store.getOriginal(id).block());
      Throwable write = catchThrowable(() -> store.markPublished(id).block());
      Duration both = Duration.ofNanos(System.nanoTime() - start);

      assertThat(read).isInstanceOf(SdkException.class);
      assertThat(write).isInstanceOf(SdkException.class);
      assertThat(both).isLessThan(CALL.multipliedBy(2).plusSeconds(2));
    } finally {
      frozen.thaw();
    }

    assertThat(store.getOriginal(id).block()).isEqualTo(bytes);
  }
}
