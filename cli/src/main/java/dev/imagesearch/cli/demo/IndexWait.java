package dev.imagesearch.cli.demo;

import dev.imagesearch.contracts.images.StatusQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls the images' status until each is indexed or failed: one {@code POST /api/images/status} on
 * the ingest service per second, naming at most {@link StatusQuery#MAX_IDS} of the pending ids, so
 * the request rate stays the same however many images there are. An unknown id was not stored, e.g.
 * rejected by the import: it is dropped.
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
    Set<String> pending = new LinkedHashSet<>(ids);
    int indexed = 0;
    int failed = 0;
    int unknown = 0;
    Instant progressed = Instant.now();
    String last = "";
    while (!pending.isEmpty()) {
      List<String> batch = pending.stream().limit(StatusQuery.MAX_IDS).toList();
      for (Map.Entry<String, String> answer : statuses(batch).entrySet()) {
        switch (answer.getValue()) {
          case "indexed" -> indexed++;
          case "failed" -> failed++;
          case "unknown" -> unknown++;
          default -> {
            continue;
          }
        }
        pending.remove(answer.getKey());
        progressed = Instant.now();
      }
      for (String id : batch) { // to the back of the line: every id gets its turn
        if (pending.remove(id)) {
          pending.add(id);
        }
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

  /** Each id's status; none while the service cannot answer (the next poll asks again). */
  private Map<String, String> statuses(List<String> ids) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(ingest.resolve("/api/images/status"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new StatusQuery(ids))))
            .build();
    Map<String, String> statuses = new HashMap<>();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        for (JsonNode status : JSON.readTree(response.body()).path("statuses")) {
          statuses.put(status.path("id").asString(), status.path("status").asString());
        }
      }
    } catch (IOException | JacksonException e) {
      // Down or restarting: still waiting; the patience bounds how long.
    }
    return statuses;
  }
}
