package dev.imagesearch.ingestservice;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/** Reads the whole images topic as it is now: every event the broker has acknowledged. */
public final class EventLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EventLog() {}

  public static List<ImageEvent> eventsFor(String bootstrapServers, String imageId) {
    return recordsFor(bootstrapServers, imageId).stream()
        .map(record -> JSON.readValue(record.value(), ImageEvent.class))
        .toList();
  }

  /** The image's records, headers and all. */
  public static List<ConsumerRecord<String, String>> recordsFor(
      String bootstrapServers, String imageId) {
    try (var consumer = consumer(bootstrapServers, Map.of())) {
      List<TopicPartition> partitions = assignAll(consumer);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (imageId.equals(record.key())) {
            records.add(record);
          }
        }
      }
      return records;
    }
  }

  /**
   * Commits the end of every partition for {@code group}, as workers that caught up would.
   *
   * @return how many events the topic holds
   */
  public static long commitEverythingAs(String bootstrapServers, String group) {
    try (var consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))) {
      Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
      consumer
          .endOffsets(assignAll(consumer))
          .forEach((p, end) -> ends.put(p, new OffsetAndMetadata(end)));
      consumer.commitSync(ends);
      return ends.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }

  private static KafkaConsumer<String, String> consumer(
      String bootstrapServers, Map<String, Object> more) {
    Map<String, Object> config = new HashMap<>(more);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static List<TopicPartition> assignAll(KafkaConsumer<String, String> consumer) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.IMAGES, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    return partitions;
  }
}
