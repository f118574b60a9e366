package dev.imagesearch.embedworker.ingest;

import dev.imagesearch.contracts.events.Topics;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The worker owns {@link Topics#IMAGES_DLT}: brokers may not create topics on first use. Kafka may
 * come up after the worker, so until creation succeeded once, each dead letter tries again.
 */
@Component
class DeadLetterTopic {
  private final KafkaAdmin admin;
  private final AtomicBoolean ready = new AtomicBoolean();

  DeadLetterTopic(KafkaAdmin admin) {
    this.admin = admin;
  }

  void ensureExists() {
    if (!ready.get() && admin.initialize()) {
      ready.set(true);
    }
  }

  /** One partition: dead letters are rare, and a person reads them in order. */
  @Bean
  static NewTopic imagesDeadLetterTopic() {
    return TopicBuilder.name(Topics.IMAGES_DLT).partitions(1).build();
  }
}
