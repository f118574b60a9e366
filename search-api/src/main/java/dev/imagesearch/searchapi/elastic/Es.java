package dev.imagesearch.searchapi.elastic;

import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.web.ServiceUnavailable;
import dev.imagesearch.web.TimedCall;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Every call to Elasticsearch goes through here: bounded in time, and an unreachable or overloaded
 * cluster becomes a 503 with Retry-After, never a 500.
 */
public final class Es {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Es() {}

  /**
   * Timed into Micrometer's global registry: Spring Boot adds its Prometheus registry there
   * (management.metrics.use-global-registry), and this static helper has no bean to inject one.
   */
  public static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
    return TimedCall.time(
        Metrics.globalRegistry,
        "imagesearch.elasticsearch.requests",
        "Time per call to Elasticsearch, including the wait for a connection",
        Tags.empty(),
        Mono.fromFuture(request).timeout(TIMEOUT).onErrorMap(Es::unavailable, Es::toUnavailable));
  }

  /** A missing index and this service's own refusals (4xx) reach the caller as they are. */
  private static boolean unavailable(Throwable e) {
    return !IndexErrors.indexMissing(e)
        && !(IndexErrors.unwrap(e) instanceof ResponseStatusException)
        && IndexErrors.unavailable(e);
  }

  private static Throwable toUnavailable(Throwable e) {
    return new ServiceUnavailable(
        "The search index (Elasticsearch) is unavailable; retry shortly.", IndexErrors.unwrap(e));
  }
}
