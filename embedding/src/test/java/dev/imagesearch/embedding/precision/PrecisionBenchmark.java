package dev.imagesearch.embedding.precision;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.imaging.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test): fp32 against bf16 variants of the same models in one run, cases
 * alternating. Usage: tools/bench/precision-bench.sh. Args: MODELS_DIR PARITY_IMAGES PHOTOS_DIR
 * PHOTOS ROUNDS.
 */
public final class PrecisionBenchmark {
  private static final int BATCH = 8;

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    int photos = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    String vgg16 = models.resolve("vgg16").toString();
    String clip = models.resolve("clip").toString();
    try (EmbeddingModels fp32 = EmbeddingModels.load(vgg16, clip, Precision.FP32);
        EmbeddingModels bf16 = EmbeddingModels.load(vgg16, clip, Precision.BF16)) {
      List<Crops> parity = crops(fp32, Path.of(args[1]), Integer.MAX_VALUE);
      List<Crops> batch = parity.subList(0, BATCH);
      fp32.embed(batch); // warm-up: the first passes of each model include oneDNN's kernel setup
      bf16.embed(batch);
      long[] nanos = new long[2];
      for (int r = 0; r < rounds; r++) {
        nanos[0] += time(fp32, batch);
        nanos[1] += time(bf16, batch);
      }
      double fp32Rate = rounds * BATCH / (nanos[0] / 1e9);
      double bf16Rate = rounds * BATCH / (nanos[1] / 1e9);
      System.out.printf(
          "images/s, both models, batch %d, %d alternating rounds: fp32 %.2f, bf16 %.2f, ratio %.2fx%n",
          BATCH, rounds, fp32Rate, bf16Rate, bf16Rate / fp32Rate);
      report("parity images", fp32.embed(parity), bf16.embed(parity), false);
      List<Crops> photoCrops = crops(fp32, Path.of(args[2]), photos);
      report(photoCrops.size() + " photos", fp32.embed(photoCrops), bf16.embed(photoCrops), true);
    }
  }

  private static long time(EmbeddingModels models, List<Crops> batch) {
    long start = System.nanoTime();
    models.embed(batch);
    return System.nanoTime() - start;
  }

  private static void report(
      String what, List<ImageVectors> fp32, List<ImageVectors> bf16, boolean recall) {
    List<float[]> v32 = fp32.stream().map(ImageVectors::vgg16).toList();
    List<float[]> v16 = bf16.stream().map(ImageVectors::vgg16).toList();
    List<float[]> c32 = fp32.stream().map(ImageVectors::clip).toList();
    List<float[]> c16 = bf16.stream().map(ImageVectors::clip).toList();
    System.out.printf(
        "%s: centred cosine min VGG16 %.5f, CLIP %.5f%n",
        what,
        Agreement.min(Agreement.centredCosines(v32, v16)),
        Agreement.min(Agreement.centredCosines(c32, c16)));
    if (recall) {
      System.out.printf(
          "%s: recall@10 VGG16 %.4f, CLIP %.4f%n",
          what, Agreement.recallAt(10, v32, v16), Agreement.recallAt(10, c32, c16));
    }
  }

  private static List<Crops> crops(EmbeddingModels models, Path dir, int limit) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    List<Crops> crops = new ArrayList<>();
    for (Path file : PrecisionAccuracyTest.files(dir, limit)) {
      crops.add(models.crops(decoder.decode(file)));
    }
    return crops;
  }
}
