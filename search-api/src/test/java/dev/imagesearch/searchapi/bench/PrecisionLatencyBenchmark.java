package dev.imagesearch.searchapi.bench;

import dev.imagesearch.testsupport.TestImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * Benchmark, not a test: search-api query latency with the fp32 and the bf16 model variants, in one
 * run. The service restarts in the other precision each turn over the same index; latencies of a
 * case are pooled over the rounds. Usage: tools/bench/search-bench.sh --precision. Args: MODELS_DIR
 * DOCUMENTS ROUNDS.
 */
public final class PrecisionLatencyBenchmark {
  private static final String[] PRECISIONS = {"fp32", "bf16"};
  private static final String[] TEXTS = {
    "a red bicycle by the sea", "dog on the beach", "city at night", "a photo of a flower",
    "car under a tree", "red flower", "night beach", "a photo of a dog"
  };

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    byte[][] images = new byte[16][];
    for (int i = 0; i < images.length; i++) {
      images[i] = TestImages.jpeg(900_000 + i, 640, 480);
    }
    Map<String, double[]> pooled = new LinkedHashMap<>();
    try (BenchStack stack = new BenchStack(models, "imagesearch.models.precision=fp32")) {
      var base = stack.baseVectors(64);
      stack.load(new BenchCorpus(size, base.get(0), base.get(1), 50, 0.3, 0.1, 11));
      for (int round = 0; round < rounds; round++) {
        for (String precision : PRECISIONS) {
          stack.restart("imagesearch.models.precision=" + precision);
          Api api = new Api(stack.port);
          add(
              pooled,
              "text, hybrid (the default)|" + precision,
              Load.run(100, 1, 10, i -> api.text(TEXTS[i % TEXTS.length], "hybrid", 24)));
          add(
              pooled,
              "image, clip|" + precision,
              Load.run(32, 1, 4, i -> api.image(images[i % images.length], "clip", 24)));
          add(
              pooled,
              "image, vgg16|" + precision,
              Load.run(32, 1, 4, i -> api.image(images[i % images.length], "vgg16", 24)));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n| query, concurrency 1, %d documents, %d rounds | fp32 p50 / p99 ms | bf16 p50 / p99 ms"
            + " | p50 fp32/bf16 |%n|---|---|---|---|%n",
        size,
        rounds);
    for (String query : pooled.keySet().stream().map(k -> k.split("\\|")[0]).distinct().toList()) {
      double[] fp32 = pooled.get(query + "|fp32");
      double[] bf16 = pooled.get(query + "|bf16");
      System.out.printf(
          Locale.ROOT,
          "| %s (n=%d each) | %.1f / %.1f | %.1f / %.1f | %.2fx |%n",
          query,
          fp32.length,
          Load.percentile(fp32, 0.5),
          Load.percentile(fp32, 0.99),
          Load.percentile(bf16, 0.5),
          Load.percentile(bf16, 0.99),
          Load.percentile(fp32, 0.5) / Load.percentile(bf16, 0.5));
    }
  }

  private static void add(Map<String, double[]> pooled, String key, Load.Result result) {
    double[] all =
        DoubleStream.concat(
                Arrays.stream(pooled.getOrDefault(key, new double[0])),
                Arrays.stream(result.millis()))
            .sorted()
            .toArray();
    pooled.put(key, all);
  }
}
