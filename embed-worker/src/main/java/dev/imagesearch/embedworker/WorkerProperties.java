package dev.imagesearch.embedworker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator tunes on the worker ({@code imagesearch.worker.*}). The models are {@code
 * imagesearch.models.*}, shared with search-api ({@code ModelLocations}).
 *
 * @param concurrency listener threads in this process; more than the topic's partitions idle. Two
 *     overlap one batch's duplicate lookup and bulk write with the other's inference (measured in
 *     docs/benchmarks.md, Embed worker)
 * @param maxPollRecords events per Kafka batch (one bulk request per batch)
 * @param fetchConcurrency images of one batch in flight at once (S3 fetch to thumbnail)
 * @param device {@code cpu} or {@code gpu}
 * @param duplicateThreshold CLIP cosine at or above which an image is a near-duplicate
 * @param thumbnailSize longest side of a thumbnail in pixels
 * @param maxPixels images larger than this are refused (permanent failure), as at upload
 * @param decodeBudget the fraction of the heap that images being decoded may hold together; each
 *     reserves its cost from the header first (docs/decisions/0006-bounded-decoding.md)
 * @param decodeWait how long an image waits for its share of the decode budget before its batch is
 *     retried
 * @param shutdownTimeout how long a graceful shutdown waits for the batch in flight
 * @param requestTimeout longest wait for an Elasticsearch answer before the batch is retried
 * @param stallTimeout a batch in the listener for longer than this is stuck: liveness goes DOWN
 *     (Kubernetes restarts the worker) and Kafka hands the partitions to another consumer (it is
 *     also the consumer's {@code max.poll.interval.ms}). The default, 10 minutes, is far beyond a
 *     slow batch: 32 images take about 7 s at the 5 images/s measured with full-size models on 2
 *     CPU cores (docs/benchmarks.md, Embed worker); large photos decoded one at a time add seconds
 *     per image, not minutes. Retries after transient failures leave the listener between attempts,
 *     so an outage is not a stall
 * @param quarantineAfter an image whose processing began this many times without an end (the worker
 *     died or stalled) is quarantined: failed with reason {@code QUARANTINED}
 */
@Validated
@ConfigurationProperties("imagesearch.worker")
public record WorkerProperties(
    @DefaultValue("2") @Min(1) @Max(64) int concurrency,
    @DefaultValue("32") @Min(1) @Max(1000) int maxPollRecords,
    @DefaultValue("16") @Min(1) @Max(256) int fetchConcurrency,
    @DefaultValue("cpu") @Pattern(regexp = "cpu|gpu") String device,
    @DefaultValue("0.97") @DecimalMin("0.0") @DecimalMax("1.0") double duplicateThreshold,
    @DefaultValue("320") @Min(16) @Max(4096) int thumbnailSize,
    @DefaultValue("100000000") @Min(1) long maxPixels,
    @DefaultValue("0.6") @DecimalMin("0.05") @DecimalMax("0.9") double decodeBudget,
    @DefaultValue("0.1") @DecimalMin("0.01") @DecimalMax("0.5") double fetchBudget,
    @DefaultValue("60s") @NotNull Duration decodeWait,
    @DefaultValue("30s") @NotNull Duration shutdownTimeout,
    @DefaultValue("60s") @NotNull Duration requestTimeout,
    @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24)
        Duration stallTimeout,
    @DefaultValue("2") @Min(1) @Max(100) int quarantineAfter,
    @Valid @DefaultValue Batch batch,
    @Valid @DefaultValue Retry retry) {

  /**
   * Model batching across listener threads: a forward pass starts when {@code maxSize} images wait
   * or the oldest has waited {@code maxWait}.
   */
  public record Batch(
      @DefaultValue("8") @Min(1) @Max(256) int maxSize,
      @DefaultValue("20ms") @NotNull Duration maxWait) {}

  /**
   * Back-off for transient failures (Elasticsearch or S3 away): the batch is retried, the consumer
   * paused in between, without limit, so nothing reaches the dead letters for an outage.
   */
  public record Retry(
      @DefaultValue("1s") @NotNull Duration initial,
      @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
      @DefaultValue("30s") @NotNull Duration max) {}
}
