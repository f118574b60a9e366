package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.IndexedDocuments;
import dev.imagesearch.embedworker.TestEvents;
import dev.imagesearch.embedworker.WorkerProcess;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.localstack.Elasticsearch;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Workers as separate processes against an Elasticsearch of their own, which the tests can stop and
 * kill: crashes and outages (a start on other models is a migration: ModelMigrationTest).
 */
@NeedsClipVocabulary
@WithRealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceTest {
  static final Path LOGS = Path.of("target", "resilience");
  static Path dir;
  static int esPort;
  static Elasticsearch elasticsearch;
  static SearchIndex index;
  static ElasticsearchAsyncClient es;
  static S3AsyncClient s3;
  static ImageStore store;

  @BeforeAll
  static void start() throws Exception {
    // Readable by all: Elasticsearch runs as nobody when the tests run as root.
    dir =
        Files.createTempDirectory(
            "imagesearch-resilience-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    esPort = RealServers.freePort();
    elasticsearch = startElasticsearch();
    index = SearchIndex.connect(new IndexProperties(URI.create(elasticsearch.url()), null, 0, 1));
    es = index.client();
    s3 = ResilienceSetup.s3();
    createBucket();
    store = new ImageStore(s3, "imagesearch");
    WorkerTestBase.createTopic(RealServers.kafka().bootstrapServers());
  }

  /** The bucket the workers use; another test class may have made it already. */
  private static void createBucket() {
    s3.createBucket(b -> b.bucket("imagesearch")).handle((ok, alreadyThere) -> ok).join();
  }

  static Elasticsearch startElasticsearch() {
    Path work = dir.resolve("elasticsearch").toAbsolutePath();
    return Elasticsearch.start(
        new Elasticsearch.Settings(work, work.resolve("console.log"), esPort, "512m", false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (index != null) {
      index.close();
    }
    if (elasticsearch != null) {
      elasticsearch.close();
    }
    if (s3 != null) {
      s3.close();
    }
    // The unpacked Elasticsearch and its data (about 150 MB); worker logs stay in target/.
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  @Order(2)
  void aWorkerKilledMidBatchLosesNothingOnceAnotherTakesOver() throws Exception {
    String collection = "crash-" + UUID.randomUUID();
    String group = ResilienceSetup.newGroupAtEnd();
    Map<String, String> properties = ResilienceSetup.workerProperties(esPort, group);
    properties.put("imagesearch.worker.max-poll-records", "4");
    properties.put("imagesearch.worker.batch.max-size", "2");
    List<ImageUploaded> events;
    long countAtKill;
    try (WorkerProcess first = WorkerProcess.start(properties, LOGS.resolve("crash-1.log"))) {
      events =
          IntStream.range(0, 16)
              .mapToObj(i -> TestImages.jpeg(TestImages.picture(700 + i, 1600, 1200), 0.9f))
              .map(bytes -> TestEvents.upload(store, bytes, collection))
              .toList();
      // A thumbnail is written before its batch's bulk request: a thumbnail without a document
      // means a batch is in flight. Wait for one after at least one batch was committed.
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  IndexedDocuments.count(es, collection) >= 1
                      && events.stream()
                          .anyMatch(
                              e ->
                                  ResilienceSetup.thumbnailExists(s3, e.imageId())
                                      && IndexedDocuments.get(es, e.imageId()).isEmpty()));
      first.kill();
      countAtKill = IndexedDocuments.count(es, collection);
    }
    System.out.printf("Documents when the first worker was killed: %d of 16%n", countAtKill);
    assertThat(countAtKill).isBetween(1L, 15L);

    try (WorkerProcess second = WorkerProcess.start(properties, LOGS.resolve("crash-2.log"))) {
      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> second.isAlive() && IndexedDocuments.count(es, collection) == 16);
    }
    for (ImageUploaded e : events) {
      assertThat(IndexedDocuments.get(es, e.imageId()).orElseThrow().status()).isEqualTo("indexed");
    }
    assertThat(ResilienceSetup.deadLetterKeys())
        .doesNotContainAnyElementsOf(ResilienceSetup.ids(events));
  }

  @Test
  @Order(3)
  void anElasticsearchOutageOf30SecondsDelaysIndexingButLosesNothing() throws Exception {
    String collection = "outage-" + UUID.randomUUID();
    Map<String, String> properties =
        ResilienceSetup.workerProperties(esPort, ResilienceSetup.newGroupAtEnd());
    try (WorkerProcess worker = WorkerProcess.start(properties, LOGS.resolve("outage.log"))) {
      List<ImageUploaded> before =
          IntStream.range(0, 4)
              .mapToObj(i -> TestEvents.upload(store, TestImages.jpeg(800 + i), collection))
              .toList();
      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> IndexedDocuments.count(es, collection) == 4);

      elasticsearch.close();
      List<ImageUploaded> during =
          IntStream.range(0, 8)
              .mapToObj(i -> TestEvents.upload(store, TestImages.jpeg(810 + i), collection))
              .toList();
      // The outage itself: a fixed duration, not a condition to wait for.
      Thread.sleep(Duration.ofSeconds(30));
      assertThat(worker.isAlive()).isTrue();
      elasticsearch = startElasticsearch();

      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> IndexedDocuments.count(es, collection) == 12);
      assertThat(worker.log()).contains("Retrying the batch");
      Set<String> ids = ResilienceSetup.ids(before);
      ids.addAll(ResilienceSetup.ids(during));
      assertThat(ResilienceSetup.deadLetterKeys()).doesNotContainAnyElementsOf(ids);
    }
  }
}
