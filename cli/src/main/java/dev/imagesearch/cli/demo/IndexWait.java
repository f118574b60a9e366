package dev.imagesearch.cli.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls each image's status ({@code GET /api/images/{id}/status} on the ingest service) until it is
 * indexed or failed. An unknown id (404) was not stored, e.g. rejected by the import: it is
 * dropped.
 */
final class IndexWait {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Result(int indexed, int failed, int unknown, int pending) {
    boolean complete() {
      return pending == 0;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%d images indexed, %d failed%s%s.",
          indexed,
          failed,
          unknown > 0 ? ", " + unknown + " not stored" : "",
          pending > 0 ? ", " + pending + " still waiting" : "");
    }
  }

  private final URI ingest;
  private final PrintWriter out;
  private final Duration patience;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  IndexWait(URI ingest, PrintWriter out, Duration patience) {
    this.ingest = ingest;
    this.out = out;
    this.patience = patience;
  }

  Result until(Set<String> ids) throws InterruptedException {
    Set<String> pending = new HashSet<>(ids);
    int indexed = 0;
    int failed = 0;
    int unknown = 0;
    Instant progressed = Instant.now();
    String last = "";
    while (!pending.isEmpty()) {
      List<String> batch = new ArrayList<>(pending);
      List<CompletableFuture<String>> statuses = batch.stream().map(this::status).toList();
      for (int i = 0; i < batch.size(); i++) {
        String status = statuses.get(i).join();
        switch (status) {
          case "indexed" -> indexed++;
          case "failed" -> failed++;
          case "unknown" -> unknown++;
          default -> {
            continue;
          }
        }
        pending.remove(batch.get(i));
        progressed = Instant.now();
      }
      String line =
          String.format(
              Locale.ROOT, "Indexing: %d of %d done", ids.size() - pending.size(), ids.size());
      if (!line.equals(last)) {
        out.println(line);
        out.flush();
        last = line;
      }
      if (pending.isEmpty() || Instant.now().isAfter(progressed.plus(patience))) {
        break;
      }
      Thread.sleep(POLL);
    }
    return new Result(indexed, failed, unknown, pending.size());
  }

  /** indexed, failed, unknown (404), or anything else while still on its way. */
  private CompletableFuture<String> status(String id) {
    HttpRequest request =
        HttpRequest.newBuilder(ingest.resolve("/api/images/" + id + "/status"))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() == 404) {
                return "unknown";
              }
              if (response.statusCode() != 200) {
                return "waiting";
              }
              JsonNode status = JSON.readTree(response.body()).path("status");
              return status.isString() ? status.asString() : "waiting";
            })
        .exceptionally(e -> "waiting");
  }
}
