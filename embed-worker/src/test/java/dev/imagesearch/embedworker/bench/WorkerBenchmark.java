package dev.imagesearch.embedworker.bench;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.embedworker.EmbedWorkerApplication;
import dev.imagesearch.embedworker.TestEvents;
import dev.imagesearch.embedworker.WorkerProcess;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * End-to-end throughput (events published -> searchable) against the embedding library's bare
 * throughput on the same images, latency at low load, and 1, 2 and 3 worker processes. Real Kafka,
 * S3 and Elasticsearch as child processes. Run by {@code tools/bench/worker-bench.sh}.
 *
 * <p>Arguments: model root (with vgg16/ and clip/), image folder, images per run, latency samples,
 * then any number of {@code property=value} settings for the workers.
 */
public final class WorkerBenchmark {
  private static final Map<String, String> WORKER_SETTINGS = new LinkedHashMap<>();

  private WorkerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    Path folder = Path.of(args[1]);
    int perRun = Integer.parseInt(args[2]);
    int samples = Integer.parseInt(args[3]);
    for (String setting : Arrays.copyOfRange(args, 4, args.length)) {
      String[] kv = setting.split("=", 2);
      WORKER_SETTINGS.put(kv[0], kv[1]);
    }
    if (!Files.isDirectory(folder)) {
      System.out.println("SKIPPED: no image folder at " + folder);
      return;
    }
    List<Path> all;
    try (Stream<Path> files = Files.walk(folder)) {
      all = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    // Interleaved subsets: every run gets different images (different ids) of the same mix.
    int runs = 4;
    List<List<byte[]>> subsets = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      List<byte[]> subset = new ArrayList<>();
      for (int i = r; subset.size() < perRun && i < all.size(); i += runs) {
        subset.add(Files.readAllBytes(all.get(i)));
      }
      subsets.add(subset);
    }
    List<byte[]> latencyImages = subsets.get(3).subList(0, Math.min(samples, perRun));
    BenchServers cluster = BenchServers.start();
    System.out.printf(
        "images: %d per run from %s (%d available), cores: %d, worker settings: %s%n",
        perRun, folder, all.size(), Runtime.getRuntime().availableProcessors(), WORKER_SETTINGS);

    // The machine is shared: bare measurements bracket the 1-process run, which is compared with
    // their mean, and close the run.
    System.out.println("load average at start: " + loadAverage());
    double bareBefore = bareThroughput(models, subsets.get(0));
    Result one = endToEnd(cluster, models, 1, subsets.get(0), latencyImages);
    double bareAfter = bareThroughput(models, subsets.get(0));
    Result two = endToEnd(cluster, models, 2, subsets.get(1), List.of());
    Result three = endToEnd(cluster, models, 3, subsets.get(2), List.of());
    double bareEnd = bareThroughput(models, subsets.get(0));
    double bare = (bareBefore + bareAfter) / 2;
    System.out.println("load average at end: " + loadAverage());

    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    System.out.printf(
        "| bare library, VGG16+CLIP, batches of 8, decoded images | %.2f images/s (before %.2f,"
            + " after %.2f, at the end %.2f) |%n",
        bare, bareBefore, bareAfter, bareEnd);
    System.out.printf(
        "| end to end, 1 worker process | %.2f images/s (%.2fx bare) |%n",
        one.throughput, one.throughput / bare);
    System.out.printf(
        "| end to end, 2 worker processes | %.2f images/s (%.2fx of 1 process) |%n",
        two.throughput, two.throughput / one.throughput);
    System.out.printf(
        "| end to end, 3 worker processes | %.2f images/s (%.2fx of 1 process) |%n",
        three.throughput, three.throughput / one.throughput);
    System.out.printf(
        "| upload-to-searchable latency, 1 worker, one image at a time (%d) | p50 %.0f ms, p95 %.0f ms |%n",
        one.latencies.length, percentile(one.latencies, 50), percentile(one.latencies, 95));
    System.exit(0);
  }

  record Result(double throughput, double[] latencies) {}

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static double bareThroughput(Path models, List<byte[]> images) throws Exception {
    Djl.configure();
    ImageDecoder decoder = new ImageDecoder();
    List<RgbImage> decoded = new ArrayList<>();
    long decodeStart = System.nanoTime();
    for (byte[] bytes : images) {
      decoded.add(decoder.decode(bytes));
    }
    double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
    try (Vgg16Model vgg = Vgg16Model.load(models.resolve("vgg16"));
        ClipModel clip = ClipModel.load(models.resolve("clip"))) {
      List<RgbImage> warm = decoded.subList(0, Math.min(8, decoded.size()));
      vgg.embedImages(warm);
      clip.embedImages(warm);
      long start = System.nanoTime();
      for (int i = 0; i < decoded.size(); i += 8) {
        List<RgbImage> batch = decoded.subList(i, Math.min(decoded.size(), i + 8));
        vgg.embedImages(batch);
        clip.embedImages(batch);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "bare: %d images in %.1f s (%.2f images/s); decoding them alone: %.1f s (%.1f images/s)%n",
          decoded.size(),
          seconds,
          decoded.size() / seconds,
          decodeSeconds,
          decoded.size() / decodeSeconds);
      return decoded.size() / seconds;
    }
  }

  static Result endToEnd(
      BenchServers cluster,
      Path models,
      int processes,
      List<byte[]> images,
      List<byte[]> latencyImages)
      throws Exception {
    return endToEnd(
        cluster, models, processes, images, latencyImages, WORKER_SETTINGS, List.of(), "");
  }

  /**
   * {@code settings} go to every worker process as properties, {@code jvmOptions} to its JVM;
   * {@code name} tells the logs of different cases apart.
   */
  static Result endToEnd(
      BenchServers cluster,
      Path models,
      int processes,
      List<byte[]> images,
      List<byte[]> latencyImages,
      Map<String, String> settings,
      List<String> jvmOptions,
      String name)
      throws Exception {
    String group = "bench-" + processes + "-" + UUID.randomUUID();
    List<WorkerProcess> workers = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        Map<String, String> properties = cluster.workerProperties(group, models);
        properties.putAll(settings);
        workers.add(
            WorkerProcess.start(
                EmbedWorkerApplication.class,
                properties,
                Path.of("target", "bench-worker-" + name + processes + "-" + i + ".log"),
                jvmOptions));
      }
      // Warm-up: every process loaded its models and got partitions before the clock starts.
      List<ImageUploaded> warm = new ArrayList<>();
      for (int i = 0; i < 4 * processes; i++) {
        warm.add(
            TestEvents.upload(
                cluster.store,
                BenchServers.variant(images.get(i % images.size()), "warm" + i),
                "warm-" + group));
      }
      cluster.awaitSearchable(warm.stream().map(ImageUploaded::imageId).toList(), 600);

      String collection = "run-" + group;
      List<ImageUploaded> events = new ArrayList<>();
      for (byte[] bytes : images) {
        String id = TestEvents.sha256(bytes);
        cluster.store.putOriginal(id, bytes, "image/jpeg", Map.of()).block();
        events.add(TestEvents.uploaded(id, bytes, collection));
      }
      long start = System.nanoTime();
      events.forEach(TestEvents::publish);
      cluster.awaitCount(collection, events.size(), 1200);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d worker process(es): %d images searchable %.1f s after publishing (%.2f images/s)%n",
          processes, events.size(), seconds, events.size() / seconds);

      double[] latencies = new double[latencyImages.size()];
      for (int i = 0; i < latencyImages.size(); i++) {
        byte[] bytes = BenchServers.variant(latencyImages.get(i), "latency");
        long t0 = System.nanoTime();
        ImageUploaded event = TestEvents.upload(cluster.store, bytes, "latency-" + group);
        cluster.awaitSearchable(List.of(event.imageId()), 120);
        latencies[i] = (System.nanoTime() - t0) / 1e6;
      }
      return new Result(events.size() / seconds, latencies);
    } finally {
      workers.forEach(WorkerProcess::close);
    }
  }

  static double percentile(double[] values, int p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
