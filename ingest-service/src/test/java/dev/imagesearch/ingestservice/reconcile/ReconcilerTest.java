package dev.imagesearch.ingestservice.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.ingestservice.Uploads;
import dev.imagesearch.localstack.Kafka;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The reconciler on, with a short grace period and no periodic pass (an hour), so that passes
 * follow failed uploads, or are run by the test. Kafka is its own: a test stops it and starts it
 * again on the same ports, keeping its data.
 */
@WithRealServers
@IngestTest
class ReconcilerTest {
  static final Duration GRACE = Duration.ofSeconds(6);
  static final int KAFKA_PORT = RealServers.freePort();
  static final int CONTROLLER_PORT = RealServers.freePort();
  @TempDir static Path kafkaDir;
  static Kafka kafka;

  @Autowired WebTestClient http;
  @Autowired ImageStore store;
  @Autowired Reconciler reconciler;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
    registry.add("imagesearch.reconciler.enabled", () -> "true");
    registry.add("imagesearch.reconciler.grace-period", GRACE::toString);
    registry.add("imagesearch.reconciler.interval", () -> "1h");
  }

  @BeforeAll
  static void startKafka() {
    kafka = startKafkaAgain();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  static Kafka startKafkaAgain() {
    return Kafka.start(
        new Kafka.Settings(
            kafkaDir, kafkaDir.resolve("kafka.log"), KAFKA_PORT, CONTROLLER_PORT, "256m", false));
  }

  @Test
  void anUploadAnswered503WhileKafkaWasDownIsAnnouncedOnceKafkaIsBackWithoutARetry() {
    byte[] jpeg = TestImages.jpeg(24, 24);
    String id = sha256(jpeg);

    kafka.close();
    Uploads.upload(http, jpeg).expectStatus().isEqualTo(503).expectBody();
    // The client gives up here. What it left behind: an original nobody announced.
    assertThat(store.originalExists(id).block()).isTrue();
    assertThat(store.isPublished(id).block()).isFalse();

    kafka = startKafkaAgain();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> store.isPublished(id).block() && eventsFor(id).size() == 1);
  }

  @Test
  void anOriginalWithoutMarkerWaitsForTheGracePeriodThenIsAnnouncedWithItsMetadata()
      throws InterruptedException {
    byte[] jpeg = TestImages.jpeg(20, 10);
    String id = sha256(jpeg);
    Map<String, String> metadata =
        Map.of(
            "filename", "café.jpg",
            "width", "20",
            "height", "10",
            "uploaded-at", "2026-12-05T08:00:00Z",
            "collection", "trip",
            "tags", "sea,sun");
    // As an upload whose event is still on its way to Kafka leaves it.
    store.putOriginal(id, jpeg, "image/jpeg", metadata).block();

    reconciler.pass().block();
    assertThat(store.isPublished(id).block()).isFalse();

    Thread.sleep(GRACE.plusSeconds(1)); // S3 keeps whole seconds
    reconciler.pass().block();

    assertThat(store.isPublished(id).block()).isTrue();
    ImageUploaded event = (ImageUploaded) eventsFor(id).getFirst();
    assertThat(event.facts().filename()).isEqualTo("café.jpg");
    assertThat(event.facts().tags()).containsExactly("sea", "sun");
    assertThat(event.facts().collection()).isEqualTo("trip");
    assertThat(event.facts().width()).isEqualTo(20);
    assertThat(event.facts().sizeBytes()).isEqualTo(jpeg.length);
    assertThat(event.facts().contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void anAnnouncedUploadIsNeverAnnouncedAgain() throws InterruptedException {
    byte[] jpeg = TestImages.jpeg(16, 16);
    String id = sha256(jpeg);
    Uploads.upload(http, jpeg).expectStatus().isAccepted().expectBody();

    Thread.sleep(GRACE.plusSeconds(1));
    reconciler.pass().block();
    reconciler.pass().block();

    assertThat(eventsFor(id)).hasSize(1);
  }

  private static List<ImageEvent> eventsFor(String id) {
    return EventLog.eventsFor(kafka.bootstrapServers(), id);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
