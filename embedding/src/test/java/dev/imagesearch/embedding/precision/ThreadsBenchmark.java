package dev.imagesearch.embedding.precision;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.imaging.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test): one case of {@code precision-bench.sh --threads}, which runs the cases in
 * turns, each in its own JVM because libtorch's intra-op thread count ({@code
 * ai.djl.pytorch.num_threads}) is process-wide. {@code CALLERS} threads each embed {@code BATCHES}
 * batches of 8 parity images with both models. Args: MODELS_DIR PARITY_IMAGES PRECISION CALLERS
 * BATCHES.
 */
public final class ThreadsBenchmark {
  private static final int BATCH = 8;

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    Precision precision = Precision.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
    int callers = Integer.parseInt(args[3]);
    int batches = Integer.parseInt(args[4]);
    System.setProperty("imagesearch.predictors", String.valueOf(callers));
    Djl.configure();
    try (EmbeddingModels embedding =
        EmbeddingModels.load(
            models.resolve("vgg16").toString(), models.resolve("clip").toString(), precision)) {
      ImageDecoder decoder = new ImageDecoder();
      List<Crops> batch = new ArrayList<>();
      for (Path file : PrecisionAccuracyTest.files(Path.of(args[1]), BATCH)) {
        batch.add(embedding.crops(decoder.decode(file)));
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
        run(pool, callers, 1, embedding, batch); // warm-up: every predictor sets up its kernels
        long start = System.nanoTime();
        run(pool, callers, batches, embedding, batch);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "%s, %d predictor(s) x %s intra-op thread(s): %.2f images/s (%d images in %.1f s)%n",
            precision.label(),
            callers,
            System.getProperty("ai.djl.pytorch.num_threads"),
            callers * batches * BATCH / seconds,
            callers * batches * BATCH,
            seconds);
      }
    }
  }

  private static void run(
      ExecutorService pool, int callers, int batches, EmbeddingModels models, List<Crops> batch)
      throws Exception {
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      running.add(
          pool.submit(
              () -> {
                for (int b = 0; b < batches; b++) {
                  models.embed(batch);
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }
}
