package dev.imagesearch.ingestservice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.ingestservice.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Pending work is the embed-worker group's lag on the real broker, with no worker running. */
class PipelineTest extends IngestApiTestBase {
  @Test
  void pendingCountsUploadsTheWorkerGroupHasNotConsumed() {
    long before = pending();

    upload(3);
    assertThat(pending()).isEqualTo(before + 3);

    consumeEverythingAs("embed-worker");
    assertThat(pending()).isZero();

    upload(1);
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void needsNoApiKey() {
    http.get().uri("/api/pipeline").exchange().expectStatus().isOk();
  }

  record Answer(Long pending) {}

  private long pending() {
    Answer answer =
        http.get()
            .uri("/api/pipeline")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Answer.class)
            .returnResult()
            .getResponseBody();
    assertThat(answer.pending()).as("pending").isNotNull();
    return answer.pending();
  }

  private void upload(int count) {
    for (int i = 0; i < count; i++) {
      post(files(Map.of("p" + i + ".jpg", TestImages.jpeg(24, 24))))
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.results[0].status")
          .isEqualTo("accepted");
    }
  }

  /** Commits the end of every partition for {@code group}, as workers that caught up would. */
  private static void consumeEverythingAs(String group) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.IMAGES, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, OffsetAndMetadata> ends =
          consumer.endOffsets(partitions).entrySet().stream()
              .collect(
                  Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
      consumer.commitSync(ends);
      assertThat(ends.keySet()).containsExactlyInAnyOrderElementsOf(partitions);
      assertThat(ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
          .as("events on the topic")
          .isPositive();
    }
  }
}
