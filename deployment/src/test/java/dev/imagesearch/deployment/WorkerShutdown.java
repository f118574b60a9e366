package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

/**
 * A stopping worker must be able to finish its batch: the orchestrator's grace period is longer
 * than Spring's shutdown phase, which is at least the worker's own wait for the batch in flight,
 * which is longer than the worker's wait for Elasticsearch (a batch may legitimately take that).
 */
final class WorkerShutdown {
  private WorkerShutdown() {}

  static void check(String where, Map<String, ?> env, Duration grace) {
    ServiceJar worker = Service.EMBED_WORKER.jar();
    // Unset variables fall back to the worker's application.yml, then to WorkerProperties'
    // defaults.
    Duration batchWait =
        duration(
            env,
            "IMAGESEARCH_WORKER_SHUTDOWN_TIMEOUT",
            worker,
            "imagesearch.worker.shutdown-timeout",
            "30s");
    Duration requestTimeout =
        duration(
            env,
            "IMAGESEARCH_WORKER_REQUEST_TIMEOUT",
            worker,
            "imagesearch.worker.request-timeout",
            "60s");
    Duration phase =
        duration(
            env,
            "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
            worker,
            "spring.lifecycle.timeout-per-shutdown-phase",
            "30s");
    assertThat(batchWait)
        .as("%s: the worker waits for its batch longer than for Elasticsearch", where)
        .isGreaterThan(requestTimeout);
    assertThat(phase)
        .as("%s: Spring's shutdown phase covers the worker's wait", where)
        .isGreaterThanOrEqualTo(batchWait);
    assertThat(grace)
        .as("%s: the grace period outlasts the shutdown phase", where)
        .isGreaterThan(phase);
  }

  private static Duration duration(
      Map<String, ?> env, String variable, ServiceJar jar, String property, String fallback) {
    Object value = env.get(variable);
    if (value == null) {
      value = jar.applicationValue(property).orElse(fallback);
    }
    return parse(String.valueOf(value));
  }

  /** Spring's simple durations as these files use them: 90s, 2m. */
  static Duration parse(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    return Duration.parse("PT" + text);
  }
}
