package dev.imagesearch.cli.stack;

import java.util.Locale;

/**
 * Each service's key figures for {@code imagesearch status}, from two scrapes of its metrics a
 * short interval apart: a rate is the growth of a counter over that interval (Prometheus' rate() in
 * miniature, so no Prometheus is needed locally); the lag is a gauge, read from the second.
 */
final class Figures {
  private Figures() {}

  static String of(Component service, Scrape first, Scrape second) {
    return switch (service) {
      case SEARCH_API ->
          format(
              "%.1f queries/s, %.1f refused/s (inference busy)",
              second.rate(first, "imagesearch_search_query_seconds_count", ""),
              second.rate(first, "imagesearch_inference_rejections_total", ""));
      case INGEST_SERVICE ->
          format(
              "%.1f uploads/s, %.1f rejected/s",
              second.rate(first, "imagesearch_ingest_uploads_total", ""),
              second.rate(first, "imagesearch_ingest_uploads_total", "outcome=\"rejected\""));
      case EMBED_WORKER ->
          format(
              "%.1f images/s, %.1f failed/s, lag %.0f",
              second.rate(first, "imagesearch_worker_images_total", ""),
              second.rate(first, "imagesearch_worker_failures_total", ""),
              second.sum("kafka_consumer_fetch_manager_records_lag_max", ""));
      default -> throw new IllegalArgumentException(service + " is not a service");
    };
  }

  private static String format(String format, Object... values) {
    return String.format(Locale.ROOT, format, values);
  }
}
