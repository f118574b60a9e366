package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedworker.WorkerProperties;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Part of liveness ({@code progress}): DOWN when the consumer is stuck, so Kubernetes restarts the
 * worker, and {@code ./imagesearch status} shows the reason. Stuck means a batch in the listener
 * for longer than {@code stall-timeout}, or a consumer stopped by an error. Outages of
 * Elasticsearch, S3 or Kafka are not stalls: a restart would not help, and readiness shows them.
 */
@Component("progressHealthIndicator")
class StallHealth implements HealthIndicator {
  private final ProgressWatch progress;
  private final KafkaListenerEndpointRegistry listeners;
  private final Duration stallTimeout;

  StallHealth(
      ProgressWatch progress, KafkaListenerEndpointRegistry listeners, WorkerProperties worker) {
    this.progress = progress;
    this.listeners = listeners;
    this.stallTimeout = worker.stallTimeout();
  }

  @Override
  public Health health() {
    MessageListenerContainer container = listeners.getListenerContainer(ImageEventListener.ID);
    if (container != null && container.isAutoStartup() && !container.isInExpectedState()) {
      return Health.down()
          .withDetail("reason", "the Kafka consumer stopped after an error (see the log)")
          .build();
    }
    Duration age = progress.age();
    boolean stalled = age.compareTo(stallTimeout) > 0;
    Health.Builder health = stalled ? Health.down() : Health.up();
    if (stalled) {
      health.withDetail(
          "reason",
          "a batch of "
              + progress.eventsInFlight()
              + " events has been in progress for "
              + age.toSeconds()
              + " s, longer than imagesearch.worker.stall-timeout ("
              + stallTimeout.toSeconds()
              + " s): the consumer is stuck and its partitions wait");
    }
    return health
        .withDetail("progressAgeSeconds", age.toSeconds())
        .withDetail("stallTimeoutSeconds", stallTimeout.toSeconds())
        .build();
  }
}
