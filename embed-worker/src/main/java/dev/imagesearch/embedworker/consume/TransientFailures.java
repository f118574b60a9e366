package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

/** Says, once per attempt, why a batch waits: an outage should be visible, not silent. */
final class TransientFailures implements RetryListener {
  private static final Logger log = LoggerFactory.getLogger(TransientFailures.class);

  private final WorkerMetrics metrics;

  TransientFailures(WorkerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
    report(1, e, attempt);
  }

  @Override
  public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
    report(records.count(), e, attempt);
  }

  private void report(int events, Exception e, int attempt) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    metrics.retried(root.getClass().getSimpleName());
    log.warn(
        "Retrying the batch of {} events after a transient failure (attempt {}), consumer paused"
            + " meanwhile: {}",
        events,
        attempt,
        root.toString());
  }
}
