package dev.imagesearch.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue #14's benchmark on the real local stack: the worker's fresh-ingest throughput (import of N
 * photos until all are indexed) against its re-embed throughput (the migration to stand-ins B, from
 * the migration record's start to its switch), and search-api's image-query latency idle against
 * during the migration, in one run. tools/bench/migration-bench.sh runs it.
 *
 * <p>Arguments: PHOTO_FOLDER (searched recursively) N MODELS_B OUT
 */
public final class MigrationBenchmark {
  private MigrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Path modelsB = Path.of(args[2]).toAbsolutePath();
    Path out = Path.of(args[3]).toAbsolutePath();
    Path photos = Files.createDirectories(out.resolve("photos"));
    List<Path> queried = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().limit(n).toList()) {
        queried.add(Files.copy(file, photos.resolve(file.getFileName())));
      }
    }
    DemoStack stack = new DemoStack(out);
    MigrationProbe es = new MigrationProbe();
    try {
      require(stack.upPatiently("up"), "up");
      Instant importStart = Instant.now();
      require(stack.cli("import", 30, "import", photos.toString()) == 0, "import");
      es.awaitIndexed(n, Duration.ofMinutes(30));
      double fresh = n / seconds(importStart, Instant.now());

      List<Long> idle;
      List<Long> during;
      try (QueryLoop queries = QueryLoop.start(queried.subList(0, Math.min(50, n)))) {
        queries.awaitAnswers(200, Duration.ofMinutes(10));
        idle = queries.latencies();
        require(stack.cli("use", 10, "models", "use", modelsB.toString()) == 0, "models use");
        es.awaitMigration("images-v2", Duration.ofMinutes(5));
        queries.clearLatencies();
        es.awaitState("images-v2", "SWITCHED", Duration.ofMinutes(60));
        during = queries.latencies();
        System.out.println("query errors: " + queries.errors().size());
      }
      var migration = es.migration("images-v2");
      double reembed =
          n
              / seconds(
                  Instant.parse(migration.path("startedAt").asString()),
                  Instant.parse(migration.path("switchedAt").asString()));
      System.out.printf(
          "fresh ingest: %d images, %.2f images/s (import start to all indexed)%n", n, fresh);
      System.out.printf(
          "re-embed:     %d images, %.2f images/s (migration start to switch), %.2fx fresh%n",
          n, reembed, reembed / fresh);
      System.out.printf("query idle:            %s%n", percentiles(idle));
      System.out.printf("query during migration: %s%n", percentiles(during));
    } finally {
      stack.stop();
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static String percentiles(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return "no answers";
    }
    return String.format(
        "%d queries, p50 %.1f ms, p99 %.1f ms",
        sorted.size(), at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6);
  }

  private static long at(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
  }

  private static void require(boolean ok, String step) {
    if (!ok) {
      throw new IllegalStateException(step + " failed: see its log in the output folder");
    }
  }
}
