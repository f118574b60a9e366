package dev.imagesearch.embedding.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
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
 * Benchmark (not a test): Java/DJL vs Debian's Python torch on the same TorchScript files, in one
 * run. Usage: tools/bench/embedding-bench.sh (builds the classpath, generates full-size stand-ins).
 * Args: MODELS_DIR IMAGES_DIR VOCAB SECONDS_PER_CASE.
 */
public final class EmbeddingBenchmark {
  private static final double VGG_GFLOP = 30.9;
  private static final double CLIP_IMAGE_GFLOP = 8.8;
  private static final double CLIP_TEXT_GFLOP = 6.0;

  interface Call {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    Path imagesDir = Path.of(args[1]);
    String vocab = args[2];
    double seconds = Double.parseDouble(args[3]);
    System.setProperty("imagesearch.clip.vocab", vocab);
    Djl.configure();
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads");
    Map<String, Double> java = new LinkedHashMap<>();
    ImageDecoder decoder = new ImageDecoder();
    List<RgbImage> images = new ArrayList<>();
    RgbImage photo = null;
    try (Stream<Path> files = Files.list(imagesDir).sorted()) {
      for (Path f : files.toList()) {
        RgbImage img = decoder.decode(f);
        images.add(img);
        if (f.getFileName().toString().equals("photo_baseline.jpg")) {
          photo = img;
        }
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.randomNormal(new Shape(1024, 1024));
      NDArray b = manager.randomNormal(new Shape(1024, 1024));
      java.put(
          "matmul_gflops", rate(() -> a.matMul(b).close(), 2 * Math.pow(1024, 3) / 1e9, 20, 2));
    }
    try (Vgg16Model vgg = Vgg16Model.load(models.resolve("vgg16"));
        ClipModel clip = ClipModel.load(models.resolve("clip"))) {
      for (int bs : new int[] {1, 8, 32}) {
        List<RgbImage> batch = batch(images, bs);
        java.put("vgg16_b" + bs, rate(() -> vgg.embedImages(batch), bs, bs > 1 ? 1 : 3, seconds));
        java.put("clip_image_b" + bs, rate(() -> clip.embedImages(batch), bs, 2, seconds));
      }
      String longText = "the quick brown fox jumps over the lazy dog ".repeat(12);
      List<long[]> ids77 = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        ids77.add(clip.tokenize(longText));
      }
      java.put("clip_text77_b32", rate(() -> clip.embedTokens(ids77), 32, 2, seconds));
      double[] text = latencies(() -> clip.embedText("a photo of a red bicycle"), 50);
      java.put("text_query_p50_ms", text[0]);
      java.put("text_query_p99_ms", text[1]);
      RgbImage one = photo;
      double[] image = latencies(() -> clip.embedImage(one), 20);
      java.put("image_query_p50_ms", image[0]);
      java.put("image_query_p99_ms", image[1]);
      java.put("rss_both_models_mb", rssMb());
    }
    java.put("max_rss_mb", hwmMb());

    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "tools/bench/bench_python.py",
                models.toString(),
                imagesDir.toString(),
                String.valueOf(threads),
                String.valueOf(seconds),
                vocab)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(python.getInputStream().readAllBytes()).trim();
    if (python.waitFor() != 0) {
      throw new IllegalStateException("python baseline failed");
    }
    Map<String, Object> py = new LinkedHashMap<>();
    com.google.gson.JsonParser.parseString(out)
        .getAsJsonObject()
        .entrySet()
        .forEach(
            e ->
                py.put(
                    e.getKey(),
                    e.getValue().getAsJsonPrimitive().isNumber()
                        ? e.getValue().getAsDouble()
                        : e.getValue().getAsString()));
    report(java, py, threads);
  }

  private static void report(Map<String, Double> java, Map<String, Object> py, int threads) {
    double peakJ = java.get("matmul_gflops");
    double peakP = num(py, "matmul_gflops");
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "threads: %d (intra-op), python torch %s; fp32 1024x1024 matmul peak: libtorch 2.7.1 %.1f"
                + " GFLOP/s, torch 1.13 %.1f GFLOP/s%n%n",
            threads,
            py.get("torch"),
            peakJ,
            peakP));
    sb.append("| case | Java (DJL) | Python | Java/Python | Java GFLOP/s (% of peak) |\n");
    sb.append("|---|---|---|---|---|\n");
    for (String key : java.keySet()) {
      if (key.equals("matmul_gflops") || !py.containsKey(key) && !key.contains("rss")) {
        continue;
      }
      double j = java.get(key);
      double p = py.containsKey(key) ? num(py, key) : Double.NaN;
      double gflop =
          key.startsWith("vgg16")
              ? VGG_GFLOP
              : key.startsWith("clip_image")
                  ? CLIP_IMAGE_GFLOP
                  : key.startsWith("clip_text77") ? CLIP_TEXT_GFLOP : 0;
      boolean lowerIsBetter = key.endsWith("_ms");
      String unit = lowerIsBetter ? " ms" : key.contains("rss") ? " MB" : "/s";
      String ratio =
          Double.isNaN(p) || key.contains("rss")
              ? ""
              : String.format(Locale.ROOT, "%.2fx", lowerIsBetter ? p / j : j / p);
      String flops =
          gflop == 0
              ? ""
              : String.format(Locale.ROOT, "%.1f (%.0f%%)", j * gflop, 100 * j * gflop / peakJ);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f%s | %s | %s | %s |%n",
              key,
              j,
              unit,
              Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.2f%s", p, unit),
              ratio,
              flops));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| python max_rss_mb (both models) | | %.0f MB | | |%n",
            num(py, "max_rss_mb")));
    System.out.println(sb);
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static List<RgbImage> batch(List<RgbImage> images, int n) {
    List<RgbImage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(images.get(i % images.size()));
    }
    return out;
  }

  private static double rate(Call call, double perCall, int minCalls, double minSeconds)
      throws Exception {
    call.run();
    int calls = 0;
    long start = System.nanoTime();
    while (calls < minCalls || (System.nanoTime() - start) / 1e9 < minSeconds) {
      call.run();
      calls++;
    }
    return perCall * calls / ((System.nanoTime() - start) / 1e9);
  }

  private static double[] latencies(Call call, int n) throws Exception {
    call.run();
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[n / 2], ms[Math.min(n - 1, (int) (n * 0.99))]};
  }

  private static double rssMb() throws Exception {
    return statusKb("VmRSS:") / 1024.0;
  }

  private static double hwmMb() throws Exception {
    return statusKb("VmHWM:") / 1024.0;
  }

  private static long statusKb(String key) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
