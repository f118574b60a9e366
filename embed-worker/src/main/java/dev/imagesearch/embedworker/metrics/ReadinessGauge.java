package dev.imagesearch.embedworker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code imagesearch_worker_ready}: 1 while the readiness group (models, Elasticsearch, Kafka) is
 * UP, else 0. An alert needs it as a metric: Prometheus does not read health endpoints. It is
 * evaluated at each scrape, as the readiness probe is.
 */
@Component
class ReadinessGauge {
  ReadinessGauge(MeterRegistry registry, HealthEndpoint health) {
    Gauge.builder("imagesearch.worker.ready", health, ReadinessGauge::ready)
        .description("1 while the worker is ready (models, Elasticsearch, Kafka UP), else 0")
        .register(registry);
  }

  private static double ready(HealthEndpoint health) {
    HealthDescriptor readiness = health.healthForPath("readiness");
    return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
  }
}
