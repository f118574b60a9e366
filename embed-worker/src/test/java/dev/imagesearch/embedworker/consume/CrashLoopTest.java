package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.HaltingWorker;
import dev.imagesearch.embedworker.IndexedDocuments;
import dev.imagesearch.embedworker.TestEvents;
import dev.imagesearch.embedworker.WorkerProcess;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A poison image that kills every worker which fetches it (the JVM halts, as an OOM kill would), in
 * one batch with innocent images: workers are restarted until the batch is done.
 */
@NeedsClipVocabulary
@WithRealServers
class CrashLoopTest {
  @Test
  void onlyThePoisonImageIsQuarantinedAfterKillingTwoWorkers() throws Exception {
    try (S3AsyncClient s3 = ResilienceSetup.s3();
        SearchIndex index =
            SearchIndex.connect(
                new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1))) {
      s3.createBucket(b -> b.bucket("imagesearch")).handle((ok, alreadyThere) -> ok).join();
      WorkerTestBase.createTopic(RealServers.kafka().bootstrapServers());
      ElasticsearchAsyncClient es = index.client();
      ImageStore store = new ImageStore(s3, "imagesearch");
      String collection = "crash-loop-" + UUID.randomUUID();
      Map<String, String> properties =
          ResilienceSetup.workerProperties(0, ResilienceSetup.newGroupAtEnd());
      properties.put("imagesearch.elasticsearch.url", RealServers.elasticsearch().url());
      properties.put("imagesearch.worker.max-poll-records", "8");
      properties.put("imagesearch.worker.concurrency", "1");
      // A dead member's partitions move after its session ends: keep that short.
      properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
      properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");

      List<ImageUploaded> events =
          IntStream.range(0, 6)
              .mapToObj(i -> TestEvents.upload(store, TestImages.jpeg(960 + i), collection))
              .toList();
      ImageUploaded poison = events.get(2);
      List<ImageUploaded> innocent = new ArrayList<>(events);
      innocent.remove(poison);
      properties.put("test.halt-on", poison.imageId());

      int deaths = 0;
      for (int run = 1; !done(es, poison, innocent); run++) {
        assertThat(run).as("worker runs").isLessThanOrEqualTo(4);
        try (WorkerProcess worker =
            WorkerProcess.start(
                HaltingWorker.class,
                properties,
                Path.of("target", "crash-loop", "run-" + run + ".log"),
                List.of())) {
          await()
              .atMost(Duration.ofSeconds(180))
              .until(() -> !worker.isAlive() || done(es, poison, innocent));
          if (!worker.isAlive()) {
            assertThat(worker.awaitExit(10)).isEqualTo(137);
            deaths++;
          }
        }
      }

      assertThat(deaths).isEqualTo(2);
      ImageDocument quarantined = IndexedDocuments.get(es, poison.imageId()).orElseThrow();
      assertThat(quarantined.failureReason())
          .startsWith("QUARANTINED: processing this image began 2 times before");
      for (ImageUploaded e : innocent) {
        assertThat(IndexedDocuments.get(es, e.imageId()).orElseThrow().status())
            .isEqualTo("indexed");
        assertThat(QuarantineTest.attempts(es, e.imageId())).isEmpty();
      }
      assertThat(ResilienceSetup.deadLetterKeys())
          .contains(poison.imageId())
          .doesNotContainAnyElementsOf(ResilienceSetup.ids(innocent));
    }
  }

  private static boolean done(
      ElasticsearchAsyncClient es, ImageUploaded poison, List<ImageUploaded> innocent) {
    try {
      return allWritten(es, poison, innocent);
    } catch (IllegalStateException notYet) {
      return false; // the index the first worker creates may have no active shard yet
    }
  }

  private static boolean allWritten(
      ElasticsearchAsyncClient es, ImageUploaded poison, List<ImageUploaded> innocent) {
    Optional<ImageDocument> culprit = IndexedDocuments.get(es, poison.imageId());
    return culprit.isPresent()
        && "failed".equals(culprit.get().status())
        && innocent.stream()
            .allMatch(
                e ->
                    IndexedDocuments.get(es, e.imageId())
                        .map(d -> "indexed".equals(d.status()))
                        .orElse(false));
  }
}
