package dev.imagesearch.embedworker.migration;

import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.consume.ReembedListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The re-embed topic: created with as many partitions as {@link Topics#IMAGES}, so as many workers
 * share a migration as share the uploads; its requests published; and its lag, the requests no
 * worker has finished yet.
 */
class ReembedTopic implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AdminClient admin;
  private final KafkaTemplate<String, ImageReembedRequested> template;
  private final String group;
  private volatile boolean exists;

  ReembedTopic(
      KafkaAdmin kafkaAdmin,
      KafkaTemplate<String, ImageReembedRequested> template,
      KafkaProperties kafka) {
    this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    this.template = template;
    this.group = ReembedListener.group(kafka);
  }

  void ensureExists() throws Exception {
    if (exists) {
      return;
    }
    int partitions =
        await(admin.describeTopics(List.of(Topics.IMAGES)).allTopicNames().toCompletionStage())
            .get(Topics.IMAGES)
            .partitions()
            .size();
    try {
      await(
          admin
              .createTopics(
                  List.of(new NewTopic(Topics.REEMBED, Optional.of(partitions), Optional.empty())))
              .all()
              .toCompletionStage());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    exists = true;
  }

  /** Publishes the requests and waits until Kafka has them all: only then may the cursor move. */
  void publish(List<ImageReembedRequested> requests) throws Exception {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (ImageReembedRequested request : requests) {
      sent.add(template.send(Topics.REEMBED, request.imageId(), request));
    }
    await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
  }

  /** Requests published and not yet committed by a worker. */
  long lag() throws Exception {
    var partitions =
        await(admin.describeTopics(List.of(Topics.REEMBED)).allTopicNames().toCompletionStage())
            .get(Topics.REEMBED)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(Topics.REEMBED, p.partition()))
            .toList();
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .toCompletionStage());
    var starts = offsets(partitions, OffsetSpec.earliest());
    var ends = offsets(partitions, OffsetSpec.latest());
    long lag = 0;
    for (TopicPartition p : partitions) {
      // Retention may have deleted the oldest requests: a worker without a commit, or with one
      // before the log start, begins at the log start (auto.offset.reset = earliest), so the
      // deleted requests are not waiting for anyone.
      OffsetAndMetadata done = committed.get(p);
      lag += ends.get(p) - Math.max(starts.get(p), done == null ? 0 : done.offset());
    }
    return lag;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws Exception {
    return await(
            admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all()
                .toCompletionStage())
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    admin.close();
  }
}
