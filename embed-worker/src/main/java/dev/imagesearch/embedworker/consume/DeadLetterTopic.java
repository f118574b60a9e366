package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * The worker owns {@link Topics#IMAGES_DLT} and {@link Topics#REEMBED_DLT}: brokers may not create
 * topics on first use. Kafka may come up after the worker, so until creation succeeded once, each
 * dead letter tries again.
 */
@Component
class DeadLetterTopic {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterTopic.class);

  private final KafkaAdmin admin;
  private final DeadLetterPublishingRecoverer recoverer;
  private final WorkerMetrics metrics;
  private final ImageSpans spans;
  private final AtomicBoolean ready = new AtomicBoolean();

  DeadLetterTopic(
      KafkaAdmin admin,
      DeadLetterPublishingRecoverer recoverer,
      WorkerMetrics metrics,
      ImageSpans spans) {
    this.admin = admin;
    this.recoverer = recoverer;
    this.metrics = metrics;
    this.spans = spans;
  }

  /**
   * Publishes one permanently failed event with its reason and waits for the broker; throws (the
   * batch is then retried) when Kafka does not acknowledge.
   */
  void send(ConsumerRecord<?, ?> record, PermanentFailure failure, Consumer<?, ?> consumer) {
    ensureExists();
    String imageId = record.key() == null ? null : record.key().toString();
    spans.about(
        imageId,
        () ->
            log.warn(
                "Event {}-{}@{} (image {}) failed permanently, sent to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                imageId,
                Topics.REEMBED.equals(record.topic()) ? Topics.REEMBED_DLT : Topics.IMAGES_DLT,
                failure.describe()));
    recoverer.accept(record, consumer, failure);
    metrics.failed(failure.reason());
  }

  private void ensureExists() {
    if (!ready.get() && admin.initialize()) {
      ready.set(true);
    }
  }

  /** One partition: dead letters are rare, and a person reads them in order. */
  @Bean
  static NewTopic imagesDeadLetterTopic() {
    return TopicBuilder.name(Topics.IMAGES_DLT).partitions(1).build();
  }

  @Bean
  static NewTopic reembedDeadLetterTopic() {
    return TopicBuilder.name(Topics.REEMBED_DLT).partitions(1).build();
  }
}
