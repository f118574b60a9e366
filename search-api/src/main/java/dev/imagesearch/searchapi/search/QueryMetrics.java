package dev.imagesearch.searchapi.search;

import dev.imagesearch.web.TimedCall;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Latency and hits per query, by kind (text, image, combined, similar), mode (semantic, hybrid) and
 * model: every tag value comes from a fixed set, so the number of series stays bounded.
 */
@Component
public class QueryMetrics {
  public enum Kind {
    TEXT,
    IMAGE,
    COMBINED,
    SIMILAR;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public Mono<ResultPage> time(Kind kind, boolean hybrid, VectorModel model, Mono<ResultPage> q) {
    Tags tags =
        Tags.of(
            "kind", kind.label(), "mode", hybrid ? "hybrid" : "semantic", "model", model.field());
    return TimedCall.time(
        registry,
        "imagesearch.search.query",
        "Time to answer a search, from the parsed request to the result page",
        tags,
        q.doOnNext(page -> hits(kind).record(page.hits().size())));
  }

  private DistributionSummary hits(Kind kind) {
    return DistributionSummary.builder("imagesearch.search.hits")
        .description("Hits returned per result page")
        .tag("kind", kind.label())
        .register(registry);
  }
}
