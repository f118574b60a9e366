package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.S3FetchHook;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/** A listener held by the test while its batch waits: liveness and the progress metric. */
@TestPropertySource(
    properties = {
      "imagesearch.worker.stall-timeout=3s",
      // One consumer, so the held batch is the only one in flight.
      "imagesearch.worker.concurrency=1"
    })
class StallTest extends WorkerTestBase {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final CountDownLatch release = new CountDownLatch(1);
  private static volatile String held = "none";

  @TestConfiguration
  static class Hold {
    @Bean
    static S3FetchHook holdOneImage() {
      return new S3FetchHook(
          key -> {
            if (key.equals(ImageStore.originalKey(held))) {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
    }
  }

  @LocalServerPort int port;

  /** A failed test must not leave the consumer held: the context could not stop. */
  @AfterEach
  void releaseTheListener() {
    release.countDown();
  }

  @Test
  void aListenerStuckWhileEventsWaitTurnsLivenessDownUntilItMovesAgain() throws Exception {
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    byte[] bytes = TestImages.jpeg(950);
    held = sha256(bytes);
    ImageUploaded stuck = upload(bytes, "stall-" + UUID.randomUUID());

    HttpResponse<String> down =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> get("/actuator/health/liveness"), r -> r.statusCode() == 503);
    assertThat(down.body())
        .contains("\"progress\"")
        .contains("longer than imagesearch.worker.stall-timeout (3 s)");
    double age = progressAge();
    assertThat(age).isGreaterThan(3.0);
    assertThat(eventsInFlight()).as("the held batch of one event").isEqualTo(1.0);
    await().atMost(Duration.ofSeconds(10)).until(() -> progressAge() > age + 1.0);

    release.countDown();
    assertThat(awaitDocument(stuck.imageId()).status()).isEqualTo("indexed");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/actuator/health/liveness").statusCode() == 200);
    assertThat(progressAge()).isLessThan(3.0);
    // Held past max.poll.interval (the stall timeout), the event is delivered once more.
    await().atMost(Duration.ofSeconds(30)).until(() -> eventsInFlight() == 0.0);
  }

  private double progressAge() throws Exception {
    return gauge("imagesearch_worker_progress_age_seconds");
  }

  private double eventsInFlight() throws Exception {
    return gauge("imagesearch_worker_events_in_flight");
  }

  private double gauge(String name) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$")
            .matcher(get("/actuator/prometheus").body());
    assertThat(m.find()).as(name + " is exported").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
