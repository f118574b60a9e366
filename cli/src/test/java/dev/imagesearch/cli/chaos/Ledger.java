package dev.imagesearch.cli.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every answer the harness got, by kind of request: counts per status, the slowest answer, and the
 * requests that break the rules. A 5xx is a violation, except a 503 where it is the documented
 * answer: a query image that misses the inference timeout, an import upload while a server is down
 * on purpose (the harness retries those, as the import command does).
 */
final class Ledger {
  private final Map<String, Kind> kinds = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  private static final class Kind {
    final Map<Integer, Integer> statuses = new TreeMap<>();
    long slowest;
  }

  synchronized void record(String kind, String name, Requests.Answer answer) {
    Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
    k.statuses.merge(answer.status(), 1, Integer::sum);
    k.slowest = Math.max(k.slowest, answer.millis());
    String problem =
        switch (answer.status()) {
          case Requests.TIMEOUT -> "unanswered";
          case Requests.FAILED -> "no connection";
          case 503 -> kind.startsWith("import") || kind.startsWith("query") ? null : "503";
          default -> answer.status() >= 500 ? String.valueOf(answer.status()) : null;
        };
    if (problem != null) {
      String body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
      violations.add(
          String.format(
              Locale.ROOT,
              "%s %s: %s after %d ms %s",
              kind,
              name,
              problem,
              answer.millis(),
              body.substring(0, Math.min(160, body.length()))));
    }
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized int requests() {
    return kinds.values().stream()
        .mapToInt(k -> k.statuses.values().stream().mapToInt(Integer::intValue).sum())
        .sum();
  }

  /** One line per kind: {@code kind: n requests, 202×3 415×10 …, slowest 120 ms}. */
  synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    kinds.forEach(
        (name, k) -> {
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s", name));
          k.statuses.forEach(
              (status, count) ->
                  line.append(' ')
                      .append(
                          status == Requests.TIMEOUT
                              ? "unanswered"
                              : status == Requests.FAILED ? "failed" : String.valueOf(status))
                      .append('×')
                      .append(count));
          line.append(String.format(Locale.ROOT, ", slowest %.1f s", k.slowest / 1000.0));
          lines.add(line.toString());
        });
    return lines;
  }
}
