package dev.imagesearch.embedworker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The worker's own meters, exported at {@code /actuator/prometheus}. Images per second is the rate
 * of {@code imagesearch_worker_images_total}; consumer lag comes from the Kafka client metrics
 * ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
@Component
public class WorkerMetrics {
  private final MeterRegistry registry;
  private final Counter indexed;
  private final Counter deleted;
  private final DistributionSummary batchSize;
  private final DistributionSummary modelBatchSize;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.indexed =
        Counter.builder("imagesearch.worker.images")
            .description("Images written to the index with their vectors")
            .tag("outcome", "indexed")
            .register(registry);
    this.deleted =
        Counter.builder("imagesearch.worker.images").tag("outcome", "deleted").register(registry);
    this.batchSize =
        DistributionSummary.builder("imagesearch.worker.batch.size")
            .description("Events per Kafka batch")
            .register(registry);
    this.modelBatchSize =
        DistributionSummary.builder("imagesearch.worker.model.batch.size")
            .description("Images per forward pass")
            .register(registry);
  }

  /** Time per stage: attempts, fetch, decode, model, thumbnail, duplicates, index. */
  public Timer stage(String name) {
    return Timer.builder("imagesearch.worker.stage")
        .description("Time spent per stage")
        .tag("stage", name)
        // Buckets, not client-side percentiles: only buckets aggregate across replicas.
        .publishPercentileHistogram()
        .register(registry);
  }

  public void batch(int events) {
    batchSize.record(events);
  }

  public void modelBatch(int images, long nanos) {
    modelBatchSize.record(images);
    stage("model").record(nanos, TimeUnit.NANOSECONDS);
  }

  public void indexed(int images) {
    indexed.increment(images);
  }

  public void deleted(int images) {
    deleted.increment(images);
  }

  public void failed(String reason) {
    Counter.builder("imagesearch.worker.failures")
        .description("Events that failed permanently, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Seconds since progress, see {@code ProgressWatch}: what an alert on a stalled worker uses. */
  public void progressAge(Supplier<Number> seconds) {
    Gauge.builder("imagesearch.worker.progress.age", seconds)
        .description("How long the oldest batch in flight has gone without an end; 0 when idle")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Events of the batches in the listener: what a stop interrupts, 0 when idle. */
  public void eventsInFlight(Supplier<Number> events) {
    Gauge.builder("imagesearch.worker.events.in.flight", events)
        .description("Events of the batches in the listener, not yet committed; 0 when idle")
        .register(registry);
  }

  public void retried(String cause) {
    Counter.builder("imagesearch.worker.retries")
        .description("Batches retried after a transient failure")
        .tag("cause", cause)
        .register(registry)
        .increment();
  }
}
