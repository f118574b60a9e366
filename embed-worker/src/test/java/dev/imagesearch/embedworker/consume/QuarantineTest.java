package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.DeadLetters;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.index.ImageAttempts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Attempt records as a worker that died twice on an image leaves them (decision 0005). */
class QuarantineTest extends WorkerTestBase {
  @Test
  void anImageThatTwoWorkersDiedOnIsQuarantinedAndItsBatchMatesAreIndexed() throws Exception {
    String collection = "quarantine-" + UUID.randomUUID();
    byte[] culpritBytes = TestImages.jpeg(900);
    List<byte[]> mateBytes = IntStream.range(0, 3).mapToObj(i -> TestImages.jpeg(901 + i)).toList();
    // The batch died twice with the culprit in flight: once all together, once on its own.
    setAttempts(elasticsearch, sha256(culpritBytes), 2);
    for (byte[] mate : mateBytes) {
      setAttempts(elasticsearch, sha256(mate), 1);
    }

    ImageUploaded culprit = upload(culpritBytes, collection);
    List<ImageUploaded> mates = mateBytes.stream().map(b -> upload(b, collection)).toList();

    ImageDocument quarantined = awaitDocument(culprit.imageId());
    assertThat(quarantined.status()).isEqualTo("failed");
    assertThat(quarantined.failureReason())
        .startsWith("QUARANTINED: processing this image began 2 times before and never ended");
    assertThat(quarantined.vgg16()).isNull();
    for (ImageUploaded mate : mates) {
      assertThat(awaitDocument(mate.imageId()).status()).isEqualTo("indexed");
      assertThat(attempts(elasticsearch, mate.imageId())).isEmpty();
    }
    // Kept: delivered again, the culprit is quarantined again without being tried.
    assertThat(attempts(elasticsearch, culprit.imageId())).contains(3);
    ConsumerRecord<String, byte[]> dead =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    DeadLetters.all(RealServers.kafka().bootstrapServers()).stream()
                        .filter(r -> r.key().equals(culprit.imageId()))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(DeadLetters.header(dead, "imagesearch-failure-reason")).isEqualTo("QUARANTINED");
    assertThat(
            DeadLetters.all(RealServers.kafka().bootstrapServers()).stream()
                .map(ConsumerRecord::key))
        .doesNotContainAnyElementsOf(mates.stream().map(ImageUploaded::imageId).toList());
  }

  static void setAttempts(ElasticsearchAsyncClient es, String id, int attempts) throws Exception {
    es.index(
            i ->
                i.index(ImageAttempts.INDEX)
                    .id(id)
                    .document(new ImageAttempts.Attempt(attempts, Instant.now())))
        .get();
  }

  static Optional<Integer> attempts(ElasticsearchAsyncClient es, String id) throws Exception {
    var response = es.get(g -> g.index(ImageAttempts.INDEX).id(id), ImageAttempts.Attempt.class);
    var found = response.get();
    return found.found() ? Optional.of(found.source().attempts()) : Optional.empty();
  }
}
