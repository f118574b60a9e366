package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rates from two scrapes in the services' exposition format, as {@code status} prints them. */
class FiguresTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void ratesAreCounterGrowthOverTheIntervalAndLagIsTheLatestGauge() {
    Scrape first =
        Scrape.parse(
            """
            # HELP imagesearch_worker_images_total Images written to the index with their vectors
            # TYPE imagesearch_worker_images_total counter
            imagesearch_worker_images_total{application="embed-worker",outcome="deleted"} 1.0
            imagesearch_worker_images_total{application="embed-worker",outcome="indexed"} 10.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-embed-worker-1"} NaN
            """,
            0);
    Scrape second =
        Scrape.parse(
            """
            imagesearch_worker_images_total{application="embed-worker",outcome="deleted"} 1.0
            imagesearch_worker_images_total{application="embed-worker",outcome="indexed"} 16.0
            imagesearch_worker_failures_total{application="embed-worker",reason="TRUNCATED"} 1.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-embed-worker-1"} 42.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="consumer-embed-worker-2"} NaN
            """,
            2 * SECOND);

    assertThat(Figures.of(Component.EMBED_WORKER, first, second))
        .isEqualTo("3.0 images/s, 0.5 failed/s, lag 42");
  }

  @Test
  void uploadsCountEveryOutcomeAndRejectionsTheirOwn() {
    Scrape first =
        Scrape.parse(
            """
            imagesearch_ingest_uploads_total{application="ingest-service",outcome="accepted",reason="none"} 5.0
            imagesearch_ingest_uploads_total{application="ingest-service",outcome="rejected",reason="empty"} 1.0
            """,
            0);
    Scrape second =
        Scrape.parse(
            """
            imagesearch_ingest_uploads_total{application="ingest-service",outcome="accepted",reason="none"} 9.0
            imagesearch_ingest_uploads_total{application="ingest-service",outcome="rejected",reason="empty"} 1.0
            imagesearch_ingest_uploads_total{application="ingest-service",outcome="rejected",reason="too_large"} 4.0
            """,
            4 * SECOND);

    assertThat(Figures.of(Component.INGEST_SERVICE, first, second))
        .isEqualTo("2.0 uploads/s, 1.0 rejected/s");
  }

  @Test
  void queriesAreTheCountOfTheLatencyHistogramOverEveryKind() {
    Scrape first =
        Scrape.parse(
            """
            imagesearch_search_query_seconds_count{kind="text",mode="hybrid",model="clip",outcome="success"} 3
            imagesearch_search_query_seconds_bucket{kind="text",mode="hybrid",model="clip",outcome="success",le="+Inf"} 3
            """,
            0);
    Scrape second =
        Scrape.parse(
            """
            imagesearch_search_query_seconds_count{kind="text",mode="hybrid",model="clip",outcome="success"} 5
            imagesearch_search_query_seconds_count{kind="similar",mode="semantic",model="vgg16",outcome="error"} 1
            imagesearch_search_query_seconds_bucket{kind="text",mode="hybrid",model="clip",outcome="success",le="+Inf"} 5
            imagesearch_inference_rejections_total{reason="busy"} 0.0
            """,
            SECOND);

    assertThat(Figures.of(Component.SEARCH_API, first, second))
        .isEqualTo("3.0 queries/s, 0.0 refused/s (inference busy)");
  }
}
