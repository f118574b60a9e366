package dev.imagesearch.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Times a call to another server (Elasticsearch, S3, Kafka) or a whole query, from subscription to
 * its end, with an {@code outcome} tag: success, error or cancelled. The timers publish histogram
 * buckets so that Prometheus can aggregate percentiles across replicas.
 */
public final class TimedCall {
  private TimedCall() {}

  public static <T> Mono<T> time(
      MeterRegistry registry, String name, String description, Tags tags, Mono<T> call) {
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          return call.doFinally(
              signal ->
                  Timer.builder(name)
                      .description(description)
                      .tags(tags)
                      .tag("outcome", outcome(signal))
                      .publishPercentileHistogram()
                      .register(registry)
                      .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
  }

  private static String outcome(SignalType signal) {
    return switch (signal) {
      case ON_ERROR -> "error";
      case CANCEL -> "cancelled";
      default -> "success";
    };
  }
}
