package dev.imagesearch.ingestservice.pipeline;

import dev.imagesearch.contracts.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import reactor.core.publisher.Mono;

/**
 * Counts image events the workers have not consumed yet: the consumer group's lag on the images
 * topic, summed over partitions.
 */
final class PendingEvents {
  private final Admin admin;
  private final String group;
  private final int timeoutMs;

  PendingEvents(Admin admin, String group, Duration timeout) {
    this.admin = admin;
    this.group = group;
    this.timeoutMs = Math.toIntExact(timeout.toMillis());
  }

  Mono<Long> count() {
    return partitions()
        .flatMap(
            partitions ->
                partitions.isEmpty()
                    ? Mono.just(0L)
                    : Mono.zip(
                            committed(),
                            offsets(partitions, OffsetSpec.earliest()),
                            offsets(partitions, OffsetSpec.latest()))
                        .map(t -> lag(partitions, t.getT1(), t.getT2(), t.getT3())));
  }

  /**
   * A partition the group has never committed on is read from its start (the workers' {@code
   * auto-offset-reset: earliest}), so all of it is pending.
   */
  private static long lag(
      List<TopicPartition> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> latest) {
    long pending = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata done = committed.get(partition);
      long from = Math.max(done == null ? 0 : done.offset(), earliest.get(partition));
      pending += Math.max(0, latest.get(partition) - from);
    }
    return pending;
  }

  private Mono<List<TopicPartition>> partitions() {
    return mono(admin
            .describeTopics(
                List.of(Topics.IMAGES), new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .allTopicNames())
        .map(
            topics ->
                topics.get(Topics.IMAGES).partitions().stream()
                    .map(p -> new TopicPartition(Topics.IMAGES, p.partition()))
                    .toList())
        // Before the first upload the topic may not exist: nothing is pending then.
        .onErrorResume(UnknownTopicOrPartitionException.class, e -> Mono.just(List.of()));
  }

  private Mono<Map<TopicPartition, OffsetAndMetadata>> committed() {
    return mono(
        admin
            .listConsumerGroupOffsets(
                group, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
            .partitionsToOffsetAndMetadata());
  }

  private Mono<Map<TopicPartition, Long>> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    return mono(admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs)).all())
        .map(
            offsets ->
                offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
  }

  private static <T> Mono<T> mono(KafkaFuture<T> future) {
    return Mono.fromCompletionStage(future.toCompletionStage())
        .onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause());
  }
}
