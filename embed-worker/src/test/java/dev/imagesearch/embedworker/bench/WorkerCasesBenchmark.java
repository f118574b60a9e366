package dev.imagesearch.embedworker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Named cases of worker settings, end to end in turns in the same run (one worker process each, its
 * own images every turn), so that a drift of the shared machine hits every case alike. Run by
 * {@code tools/bench/worker-bench.sh --cases}.
 *
 * <p>Arguments: model root, image folder, images per turn, rounds, then cases as {@code
 * name:setting,setting,...}; a setting {@code key=value} goes to the worker as a property, one
 * starting with {@code -} to its JVM (e.g. {@code -Dai.djl.pytorch.num_threads=1}).
 */
public final class WorkerCasesBenchmark {
  private WorkerCasesBenchmark() {}

  record Case(String name, Map<String, String> settings, List<String> jvmOptions) {
    static Case parse(String spec) {
      String[] parts = spec.split(":", 2);
      Map<String, String> settings = new LinkedHashMap<>();
      List<String> jvmOptions = new ArrayList<>();
      for (String setting : parts.length < 2 ? new String[0] : parts[1].split(",")) {
        if (setting.startsWith("-")) {
          jvmOptions.add(setting);
        } else if (!setting.isEmpty()) {
          String[] kv = setting.split("=", 2);
          settings.put(kv[0], kv[1]);
        }
      }
      return new Case(parts[0], settings, jvmOptions);
    }
  }

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    Path folder = Path.of(args[1]);
    int perTurn = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    List<Case> cases = Arrays.stream(args, 4, args.length).map(Case::parse).toList();
    List<Path> all;
    try (Stream<Path> files = Files.walk(folder)) {
      all = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    int turns = rounds * cases.size();
    BenchServers cluster = BenchServers.start();
    System.out.printf(
        "%d images per turn from %s, %d rounds, cores: %d, load average at start: %s%n",
        perTurn,
        folder,
        rounds,
        Runtime.getRuntime().availableProcessors(),
        WorkerBenchmark.loadAverage());
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c < cases.size(); c++) {
        Case the = cases.get(c);
        // Interleaved subsets: every turn gets different images (different ids) of the same mix.
        List<byte[]> images = new ArrayList<>();
        for (int i = round * cases.size() + c; images.size() < perTurn; i += turns) {
          images.add(Files.readAllBytes(all.get(i % all.size())));
        }
        WorkerBenchmark.Result result =
            WorkerBenchmark.endToEnd(
                cluster, models, 1, images, List.of(), the.settings, the.jvmOptions, the.name);
        System.out.printf(
            Locale.ROOT,
            "round %d, %s: %.2f images/s (load average %s)%n",
            round + 1,
            the.name,
            result.throughput(),
            WorkerBenchmark.loadAverage());
        rates.computeIfAbsent(the.name, k -> new ArrayList<>()).add(result.throughput());
      }
    }
    double first = mean(rates.get(cases.getFirst().name));
    System.out.printf(
        "%n| case | settings | images/s per round | mean | x %s |%n", cases.getFirst().name);
    System.out.println("|---|---|---|---|---|");
    for (Case the : cases) {
      List<Double> r = rates.get(the.name);
      System.out.printf(
          Locale.ROOT,
          "| %s | %s %s | %s | %.2f | %.2fx |%n",
          the.name,
          the.settings,
          the.jvmOptions,
          r.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
          mean(r),
          mean(r) / first);
    }
    System.exit(0);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
