package dev.imagesearch.ingestservice.events;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.web.ServiceUnavailable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Puts image events on Kafka, keyed by image id, and waits for the broker's acknowledgement. */
@Component
public class EventPublisher {
  private final KafkaTemplate<String, ImageEvent> kafka;
  private final KafkaAdmin admin;
  private final AtomicBoolean topicsReady = new AtomicBoolean();

  EventPublisher(KafkaTemplate<String, ImageEvent> kafka, KafkaAdmin admin) {
    this.kafka = kafka;
    this.admin = admin;
  }

  /** Fails with 503 when Kafka does not acknowledge (acks=all) in time. */
  public Mono<Void> publish(ImageEvent event) {
    // send() blocks while it waits for metadata (max.block.ms) when the broker is away.
    return Mono.fromRunnable(this::ensureTopics)
        .then(Mono.fromFuture(() -> kafka.send(Topics.IMAGES, event.imageId(), event)))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(Duration.ofSeconds(30))
        .onErrorMap(EventBusUnavailable::new)
        .then();
  }

  /**
   * Topics are created at start, but Kafka may not be up yet then; until creation has succeeded
   * once, each publish tries again, so the service recovers when Kafka comes back.
   */
  private void ensureTopics() {
    if (!topicsReady.get() && admin.initialize()) {
      topicsReady.set(true);
    }
  }

  @Bean
  static org.apache.kafka.clients.admin.NewTopic imagesTopic(EventProperties properties) {
    return TopicBuilder.name(Topics.IMAGES)
        .partitions(properties.partitions())
        .replicas(properties.replicas())
        .build();
  }

  static class EventBusUnavailable extends ServiceUnavailable {
    EventBusUnavailable(Throwable cause) {
      super(
          "The event bus (Kafka) is unavailable, so the image could not be announced. Retry the"
              + " upload: it will be announced then, not stored twice.",
          cause);
    }
  }
}
