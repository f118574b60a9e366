package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imagesearch.contracts.ApiKeyHash;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules of deploy/observability parse, the PrometheusRule of
 * the k8s overlay carries the same rules, and every metric they query is one the three services
 * really expose: read from the services themselves, started from their jars and exercised once
 * (uploads accepted, duplicate, rejected and failed in the worker; a text and a similar search) so
 * that the meters registered on first use exist.
 */
@WithRealServers
class ObservabilityFilesTest {
  private static final String KEY = "observability-write-key";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static RunningServices services;
  private static Set<String> exposed;

  @BeforeAll
  static void startAndExercise() throws IOException {
    services = RunningServices.start(ApiKeyHash.of(KEY));
    byte[] photo = TestImages.jpeg(4242, 96, 64);
    byte[] other = TestImages.jpeg(4343, 96, 64);
    String id = upload("photo.jpg", photo).path("results").path(0).path("id").asText();
    upload("again.jpg", photo);
    upload("empty.jpg", new byte[0]);
    // The header is whole, so ingest takes it; the worker cannot decode it: a dead letter.
    upload("truncated.jpg", Arrays.copyOf(other, other.length / 2));
    String worker =
        services.awaitScrape(
            Service.EMBED_WORKER,
            text -> text.contains("imagesearch_worker_failures_total{") && indexed(text),
            Duration.ofMinutes(3));
    assertThat(indexed(worker)).as("the worker indexed the photo").isTrue();
    get(Service.SEARCH_API, "/api/search?q=photo");
    get(Service.SEARCH_API, "/api/images/" + id + "/similar");
    exposed = new TreeSet<>();
    for (Service service : Service.values()) {
      exposed.addAll(names(services.scrape(service)));
    }
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void everyMetricTheDashboardAndTheAlertsQueryIsExposed() {
    Set<String> queried = new TreeSet<>();
    dashboardExpressions().forEach(e -> queried.addAll(Promql.metrics(e)));
    alertExpressions(Repo.yaml(Repo.read("deploy/observability/alerts.yml")))
        .forEach(e -> queried.addAll(Promql.metrics(e)));

    assertThat(queried)
        .as("metrics queried")
        .contains(
            "imagesearch_search_query_seconds_bucket",
            "imagesearch_ingest_uploads_total",
            "imagesearch_worker_failures_total",
            "kafka_consumer_fetch_manager_records_lag_max",
            "http_server_requests_seconds_count");
    assertThat(exposed).containsAll(queried);
  }

  @Test
  void thePrometheusRuleOfTheOverlayCarriesTheSameRules() {
    Map<String, Object> rule =
        Repo.yaml(Repo.read("k8s/overlays/observability/prometheus-rule.yaml"));
    Map<String, Object> rules = Repo.yaml(Repo.read("deploy/observability/alerts.yml"));
    assertThat(rule.get("spec")).isEqualTo(rules);
    assertThat(alertExpressions(rules)).hasSizeGreaterThanOrEqualTo(5);
  }

  private static List<String> dashboardExpressions() {
    try {
      List<String> expressions = new ArrayList<>();
      JsonNode dashboard =
          JSON.readTree(Repo.path("deploy/observability/grafana-dashboard.json").toFile());
      for (JsonNode panel : dashboard.path("panels")) {
        panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
      }
      assertThat(expressions).as("dashboard queries").hasSizeGreaterThanOrEqualTo(20);
      return expressions;
    } catch (IOException e) {
      throw new AssertionError("grafana-dashboard.json does not parse", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> alertExpressions(Map<String, Object> rules) {
    List<String> expressions = new ArrayList<>();
    for (var group : (List<Map<String, Object>>) rules.get("groups")) {
      for (var rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.add((String) rule.get("expr"));
      }
    }
    return expressions;
  }

  /** Metric names of a Prometheus exposition: each sample line up to its labels or value. */
  private static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(exposition);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static boolean indexed(String worker) {
    return Pattern.compile("imagesearch_worker_images_total\\{[^}]*outcome=\"indexed\"[^}]*} [1-9]")
        .matcher(worker)
        .find();
  }

  private static void get(Service service, String path) {
    var response = services.send(HttpRequest.newBuilder(services.url(service, path)).build());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
  }

  private static JsonNode upload(String name, byte[] bytes) throws IOException {
    String boundary = "observability-boundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    var request =
        HttpRequest.newBuilder(services.url(Service.INGEST_SERVICE, "/api/images"))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, bytes, tail)))
            .build();
    var response = services.send(request);
    assertThat(response.statusCode()).as(name + ": " + response.body()).isLessThan(500);
    return JSON.readTree(response.body());
  }
}
