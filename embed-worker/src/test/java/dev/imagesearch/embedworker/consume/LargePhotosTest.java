package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedworker.EmbedWorkerApplication;
import dev.imagesearch.embedworker.IndexedDocuments;
import dev.imagesearch.embedworker.TestEvents;
import dev.imagesearch.embedworker.WorkerProcess;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Issue 12, F1: ordinary 24 MP camera photos, a 48 MP one and an 8000 x 8000 PNG, in one batch, are
 * all indexed by a worker process with the default heap (1 GiB, as {@link WorkerProcess} starts it,
 * with the serial collector as the local stack does), and a small image uploaded after them.
 */
@NeedsClipVocabulary
@WithRealServers
class LargePhotosTest {
  @Test
  void largePhotosAreAllIndexedWithTheDefaultHeap() throws Exception {
    String collection = "large-" + UUID.randomUUID();
    WorkerTestBase.createTopic(RealServers.kafka().bootstrapServers());
    try (S3AsyncClient s3 = ResilienceSetup.s3();
        SearchIndex index =
            SearchIndex.connect(
                new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1))) {
      s3.createBucket(b -> b.bucket("imagesearch")).handle((ok, exists) -> ok).join();
      ImageStore store = new ImageStore(s3, "imagesearch");
      // Made and allocated before the worker starts: on a busy machine a fresh index's shard can
      // take longer than the worker's start allows.
      index.ensureExists(
          new ModelVersions(
              modelId(WorkerTestBase.REPO + "/models/standin/vgg16"),
              modelId(WorkerTestBase.REPO + "/models/standin/clip")));
      index
          .client()
          .cluster()
          .health(
              h ->
                  h.index("images").waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("120s")))
          .get();
      String group = ResilienceSetup.newGroupAtEnd(); // before the uploads: it starts after them
      List<ImageUploaded> events = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        byte[] photo = TestImages.jpeg(TestImages.picture(800 + i, 6000, 4000), 0.9f);
        events.add(TestEvents.upload(store, photo, collection));
      }
      events.add(
          TestEvents.upload(
              store, TestImages.jpeg(TestImages.picture(810, 8000, 6000), 0.9f), collection));
      events.add(TestEvents.upload(store, grayPng(8000, 8000), collection));
      events.add(TestEvents.upload(store, TestImages.jpeg(811), collection));

      Map<String, String> properties = ResilienceSetup.workerProperties(0, group);
      properties.put("imagesearch.elasticsearch.url", RealServers.elasticsearch().url());
      Path gcLog = Path.of("target", "large-photos", "gc.log").toAbsolutePath();
      try (WorkerProcess worker =
          WorkerProcess.start(
              EmbedWorkerApplication.class,
              properties,
              Path.of("target", "large-photos", "worker.log"),
              List.of("-XX:+UseSerialGC", "-Xlog:gc:file=" + gcLog))) {
        for (ImageUploaded event : events) {
          ImageDocument doc =
              await()
                  .atMost(Duration.ofSeconds(300))
                  .ignoreExceptions()
                  .until(
                      () -> IndexedDocuments.get(index.client(), event.imageId()),
                      Optional::isPresent)
                  .orElseThrow();
          assertThat(doc.status()).as(worker.log()).isEqualTo("indexed");
        }
        assertThat(worker.log()).doesNotContain("OutOfMemoryError");
        // For docs/benchmarks.md: the largest heap occupancy any collection found, and the RSS.
        System.out.printf(
            "large photos: worker peak heap before GC %d MB (-Xmx1g), peak RSS %d MB%n",
            peakHeapBeforeGc(gcLog) >> 20, worker.peakRss() >> 20);
      }
    }
  }

  private static String modelId(String directory) throws Exception {
    return ModelRepository.local(Path.of(directory)).descriptor().id();
  }

  /** The largest "before" of the GC log's "123M->45M(1024M)" pauses, in bytes. */
  private static long peakHeapBeforeGc(Path gcLog) throws Exception {
    Matcher m = Pattern.compile("(\\d+)M->\\d+M\\(").matcher(Files.readString(gcLog));
    long peak = 0;
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)) << 20);
    }
    return peak;
  }

  private static byte[] grayPng(int width, int height) throws Exception {
    BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(gray, "png", out);
    return out.toByteArray();
  }
}
