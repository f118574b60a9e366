package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.ingestservice.Uploads;
import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.Frozen;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An S3 store of its own, frozen with SIGSTOP while an upload waits on it. */
@WithRealServers
@IngestTest
class FrozenS3Test {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
  @TempDir static Path dir;
  static S3Store s3;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    s3 = S3Store.start(new S3Store.Settings(dir, dir.resolve("s3proxy.log"), 0, "256m", false));
    registry.add("imagesearch.s3.endpoint", s3::endpoint);
    registry.add("imagesearch.s3.region", () -> S3Store.REGION);
    registry.add("imagesearch.s3.access-key", () -> S3Store.ACCESS_KEY);
    registry.add("imagesearch.s3.secret-key", () -> S3Store.SECRET_KEY);
    registry.add("imagesearch.s3.attempt-timeout", () -> "2s");
    registry.add("imagesearch.s3.call-timeout", CALL_TIMEOUT::toString);
    RealServers.registerKafka(registry);
    RealServers.registerElasticsearch(registry);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void anUploadToAFrozenStoreIs503WithinTheCallTimeoutAndItsRetryIsAnnouncedOnce() {
    Uploads.upload(http, TestImages.jpeg(8, 8))
        .expectStatus()
        .isAccepted()
        .expectBody(); // pooled connections, as in use
    byte[] jpeg = TestImages.jpeg(12, 12);
    String id = ImageId.of(jpeg).hex();

    Frozen frozen = Frozen.freeze(s3.process());
    try {
      long start = System.nanoTime();
      Uploads.upload(http, jpeg)
          .expectStatus()
          .isEqualTo(503)
          .expectHeader()
          .valueEquals(HttpHeaders.RETRY_AFTER, "5")
          .expectBody()
          .jsonPath("$.detail")
          .value(String.class, detail -> assertThat(detail).contains("S3"));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(CALL_TIMEOUT.plusSeconds(3));
    } finally {
      frozen.thaw();
    }

    Uploads.upload(http, jpeg)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("accepted");
    assertThat(EventLog.eventsFor(RealServers.kafka().bootstrapServers(), id)).hasSize(1);
  }
}
