package dev.imagesearch.ingestservice.upload;

import dev.imagesearch.web.TimedCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Uploads by outcome and reason, bytes taken, and the time of each S3 and Kafka call of an upload.
 * The reason tag is a rejection code from a fixed set ({@link ImageValidator.Rejected#code()}), or
 * {@code none}: never the message, so the number of series stays bounded.
 */
@Component
class UploadMetrics {
  private final MeterRegistry registry;
  private final Counter bytes;

  UploadMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytes =
        Counter.builder("imagesearch.ingest.uploaded")
            .description("Bytes of the images stored as new originals")
            .baseUnit("bytes")
            .register(registry);
  }

  /** An accepted or duplicate file. */
  void counted(UploadResult.Status outcome) {
    uploads(outcome, "none").increment();
  }

  void rejected(String code) {
    uploads(UploadResult.Status.rejected, code).increment();
  }

  private Counter uploads(UploadResult.Status outcome, String reason) {
    return Counter.builder("imagesearch.ingest.uploads")
        .description("Files uploaded, by outcome: accepted, duplicate, rejected (with reason)")
        .tag("outcome", outcome.name())
        .tag("reason", reason)
        .register(registry);
  }

  void stored(int size) {
    bytes.increment(size);
  }

  <T> Mono<T> s3(String operation, Mono<T> call) {
    return TimedCall.time(
        registry,
        "imagesearch.ingest.s3.requests",
        "Time per S3 call of an upload",
        Tags.of("operation", operation),
        call);
  }

  <T> Mono<T> kafka(Mono<T> send) {
    return TimedCall.time(
        registry,
        "imagesearch.ingest.kafka.send",
        "Time for Kafka to acknowledge an image event (acks=all)",
        Tags.empty(),
        send);
  }
}
