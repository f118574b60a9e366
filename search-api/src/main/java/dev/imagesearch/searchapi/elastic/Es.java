package dev.imagesearch.searchapi.elastic;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.imagesearch.web.ServiceUnavailable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

  public static <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
    return Mono.fromFuture(request)
        .timeout(TIMEOUT)
        .onErrorMap(e -> !indexMissing(e) && unavailable(e), Es::toUnavailable);
  }

  /** The alias does not exist yet: no image was ever indexed, which is not an error for reads. */
  public static boolean indexMissing(Throwable e) {
    return unwrap(e) instanceof ElasticsearchException es
        && "index_not_found_exception".equals(es.error().type());
  }

  private static boolean unavailable(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof ResponseStatusException) {
      return false;
    }
    if (cause instanceof ElasticsearchException es) {
      // The cluster answered: only its overload or unavailability is ours to retry.
      int status = es.status();
      return status == 429 || status == 502 || status == 503 || status == 504;
    }
    // Connection refused, reset, timeouts, transport errors.
    return true;
  }

  private static Throwable toUnavailable(Throwable e) {
    return new ServiceUnavailable(
        "The search index (Elasticsearch) is unavailable; retry shortly.", unwrap(e));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
