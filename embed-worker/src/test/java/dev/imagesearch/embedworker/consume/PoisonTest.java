package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.DeadLetters;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PoisonTest extends WorkerTestBase {
  @Test
  void badEventsGoToTheDeadLettersWithAReasonAndAFailedStatusWhileTheOthersAreIndexed() {
    String collection = "poison-" + UUID.randomUUID();
    ImageUploaded good1 = upload(TestImages.jpeg(500), collection);
    byte[] jpeg = TestImages.jpeg(501);
    ImageUploaded truncated = upload(Arrays.copyOf(jpeg, jpeg.length / 2), collection);
    ImageUploaded notAnImage =
        upload(("not an image " + collection).getBytes(StandardCharsets.UTF_8), collection);
    byte[] neverStored = TestImages.jpeg(502);
    ImageUploaded missing = uploaded(sha256(neverStored), neverStored, collection);
    publish(missing);
    String malformedKey = sha256(("malformed " + collection).getBytes(StandardCharsets.UTF_8));
    publishRaw(
        malformedKey, "{\"type\":\"ImageUploaded\",\"imageId\":".getBytes(StandardCharsets.UTF_8));
    publishRaw("not-an-id", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    ImageUploaded good2 = upload(TestImages.jpeg(503), collection);

    assertThat(awaitDocument(good1.imageId()).status()).isEqualTo("indexed");
    assertThat(awaitDocument(good2.imageId()).status()).isEqualTo("indexed");
    assertFailed(truncated.imageId(), "TRUNCATED");
    assertFailed(notAnImage.imageId(), "NOT_AN_IMAGE");
    assertFailed(missing.imageId(), "MISSING_OBJECT");
    assertFailed(malformedKey, "MALFORMED_EVENT");

    Map<String, ConsumerRecord<String, byte[]>> dead =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> byKey(DeadLetters.all(RealServers.kafka().bootstrapServers())),
                m ->
                    m.keySet()
                        .containsAll(
                            List.of(
                                truncated.imageId(),
                                notAnImage.imageId(),
                                missing.imageId(),
                                malformedKey,
                                "not-an-id")));
    assertThat(reason(dead.get(truncated.imageId()))).isEqualTo("TRUNCATED");
    assertThat(reason(dead.get(notAnImage.imageId()))).isEqualTo("NOT_AN_IMAGE");
    assertThat(reason(dead.get(missing.imageId()))).isEqualTo("MISSING_OBJECT");
    assertThat(reason(dead.get(malformedKey))).isEqualTo("MALFORMED_EVENT");
    assertThat(reason(dead.get("not-an-id"))).isEqualTo("MALFORMED_EVENT");
    // The malformed event keeps its original bytes, so it can be inspected and replayed.
    assertThat(new String(dead.get("not-an-id").value(), StandardCharsets.UTF_8))
        .isEqualTo("[1,2,3]");
    assertThat(DeadLetters.header(dead.get(missing.imageId()), "kafka_dlt-original-topic"))
        .isEqualTo("images.uploaded");
    assertThat(dead).doesNotContainKeys(good1.imageId(), good2.imageId());
  }

  private void assertFailed(String id, String reason) {
    ImageDocument doc = awaitDocument(id);
    assertThat(doc.status()).isEqualTo("failed");
    assertThat(doc.failureReason()).startsWith(reason + ": ");
    assertThat(doc.vgg16()).isNull();
  }

  private static Map<String, ConsumerRecord<String, byte[]>> byKey(
      List<ConsumerRecord<String, byte[]>> records) {
    Map<String, ConsumerRecord<String, byte[]>> map = new java.util.HashMap<>();
    records.forEach(r -> map.put(r.key(), r));
    return map;
  }

  private static String reason(ConsumerRecord<String, byte[]> record) {
    return DeadLetters.header(record, "imagesearch-failure-reason");
  }
}
