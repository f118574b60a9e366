package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of query lands in its own latency histogram, scraped as Prometheus text. */
class QueryMetricsTest extends SearchApiTestBase {

  /** The first queries load the models, slower than the default wait on a busy machine. */
  @BeforeEach
  void patient() {
    http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
  }

  @Test
  void exportsLatencyByKindAndModeHitsAndElasticsearchTimesForPrometheus() {
    search("/api/search?q=a red square&k=3");
    search("/api/search?q=a red square&mode=semantic&k=3");
    searchByImage(corpus.entry(1).bytes(), "/api/search?k=3");
    var combined = withImage(corpus.entry(2).bytes());
    combined.part("q", "red");
    postOk(combined);
    search("/api/images/{id}/similar?k=3", corpus.entry(3).id());

    String metrics = scrape();

    assertThat(metrics)
        .contains(series("text", "hybrid", "clip"))
        .contains(series("text", "semantic", "clip"))
        .contains(series("image", "semantic", "vgg16"))
        .contains(series("combined", "semantic", "clip"))
        .contains(series("similar", "semantic", "vgg16"))
        .contains("imagesearch_search_hits_count{application=\"search-api\",kind=\"similar\"}")
        .contains("imagesearch_elasticsearch_requests_seconds_bucket{")
        .contains("imagesearch_inference_queue_depth{")
        .contains("imagesearch_inference_rejections_total{")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_usage{");
  }

  private static String series(String kind, String mode, String model) {
    return "imagesearch_search_query_seconds_bucket{application=\"search-api\",kind=\""
        + kind
        + "\",mode=\""
        + mode
        + "\",model=\""
        + model
        + "\",outcome=\"success\",le=\"+Inf\"}";
  }

  private String scrape() {
    return management()
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }
}
