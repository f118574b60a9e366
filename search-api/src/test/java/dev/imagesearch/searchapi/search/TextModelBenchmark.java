package dev.imagesearch.searchapi.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Text-query encoding on full-size stand-ins, in one run: CLIP's text tower against the
 * multilingual encoder (p50/p99 per query, interleaved), the language detection of {@code auto},
 * and the memory each adds to the process (RSS after load and after the queries; heap for the
 * detector). Run by tools/bench/text-model-bench.sh; args: CLIP_DIR MULTILINGUAL_DIR ROUNDS.
 *
 * <p>With a fourth argument {@code --precision}: both text encoders in fp32 against bf16, the four
 * interleaved query by query (p50/p99), and the centred cosine between the precisions' vectors.
 */
public final class TextModelBenchmark {
  private static final List<String> QUERIES =
      List.of(
          "a red flower on the beach",
          "une fleur rouge sur la plage",
          "zwei Hunde spielen im Schnee",
          "красный цветок на пляже",
          "海滩上的红花",
          "un gato negro durmiendo en el sofá",
          "sunset over the mountains with a lake",
          "وردة حمراء على الشاطئ");

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[2]);
    if (args.length > 3 && args[3].equals("--precision")) {
      precision(Path.of(args[0]), Path.of(args[1]), rounds);
      return;
    }
    // The engine and its thread pools first, so that they count for neither model.
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      m.ones(new Shape(64, 64)).matMul(m.ones(new Shape(64, 64)));
    }
    double base = rssMb();
    ClipModel clip = ClipModel.load(Path.of(args[0]));
    double afterClip = rssMb();
    MultilingualTextModel multilingual = MultilingualTextModel.load(Path.of(args[1]));
    double afterMultilingual = rssMb();
    long heapBefore = usedHeap();
    TextRouter router = new TextRouter(new TextProperties(TextModel.AUTO));
    long heapAfter = usedHeap();
    double afterRouter = rssMb();
    for (String q : QUERIES) {
      clip.embedText(q);
      multilingual.embedText(q);
      router.resolve(null, q, null);
    }
    List<Double> clipMs = new ArrayList<>();
    List<Double> multiMs = new ArrayList<>();
    List<Double> detectMs = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (String q : QUERIES) {
        time(clipMs, clip::embedText, q);
        time(multiMs, multilingual::embedText, q);
        time(detectMs, t -> router.resolve(null, t, null), q);
      }
    }
    double end = rssMb();
    System.out.printf("queries: %d (%d rounds of %d)%n", clipMs.size(), rounds, QUERIES.size());
    System.out.printf("| CLIP text tower | %s |%n", percentiles(clipMs));
    System.out.printf("| multilingual encoder | %s |%n", percentiles(multiMs));
    System.out.printf("| language detection (auto) | %s |%n", percentiles(detectMs));
    System.out.printf(
        "RSS MB: engine %.0f, +CLIP %.0f, +multilingual %.0f, +detector %.0f, after queries %.0f%n",
        base,
        afterClip - base,
        afterMultilingual - afterClip,
        afterRouter - afterMultilingual,
        end);
    System.out.printf("detector heap: %.0f MB%n", (heapAfter - heapBefore) / 1048576.0);
    multilingual.close();
    clip.close();
  }

  private static void precision(Path clipDir, Path multilingualDir, int rounds) throws Exception {
    try (ClipModel clip32 = ClipModel.load(ModelRepository.local(clipDir), Precision.FP32);
        ClipModel clip16 = ClipModel.load(ModelRepository.local(clipDir), Precision.BF16);
        MultilingualTextModel multi32 =
            MultilingualTextModel.load(ModelRepository.local(multilingualDir), Precision.FP32);
        MultilingualTextModel multi16 =
            MultilingualTextModel.load(ModelRepository.local(multilingualDir), Precision.BF16)) {
      List<Function<String, float[]>> cases =
          List.of(clip32::embedText, clip16::embedText, multi32::embedText, multi16::embedText);
      List<String> names =
          List.of("CLIP text fp32", "CLIP text bf16", "multilingual fp32", "multilingual bf16");
      List<List<Double>> ms =
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (String q : QUERIES) {
        cases.forEach(c -> c.apply(q));
      }
      for (int r = 0; r < rounds; r++) {
        for (String q : QUERIES) {
          for (int i = 0; i < cases.size(); i++) {
            time(ms.get(i), cases.get(i)::apply, q);
          }
        }
      }
      System.out.printf(
          "queries: %d per case (%d rounds of %d)%n", ms.get(0).size(), rounds, QUERIES.size());
      for (int i = 0; i < cases.size(); i++) {
        System.out.printf("| %s | %s |%n", names.get(i), percentiles(ms.get(i)));
      }
      System.out.printf(
          "centred cosine bf16 against fp32, min over %d queries: CLIP text %.5f, multilingual %.5f%n",
          QUERIES.size(),
          minCentredCosine(
              QUERIES.stream().map(clip32::embedText).toList(),
              QUERIES.stream().map(clip16::embedText).toList()),
          minCentredCosine(
              QUERIES.stream().map(multi32::embedText).toList(),
              QUERIES.stream().map(multi16::embedText).toList()));
    }
  }

  /** The cosine of each pair after subtracting the reference set's mean vector, the lowest. */
  private static double minCentredCosine(List<float[]> reference, List<float[]> other) {
    float[] mean = new float[reference.get(0).length];
    for (float[] v : reference) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += v[d] / reference.size();
      }
    }
    double min = 1;
    for (int i = 0; i < reference.size(); i++) {
      float[] a = reference.get(i).clone();
      float[] b = other.get(i).clone();
      for (int d = 0; d < mean.length; d++) {
        a[d] -= mean[d];
        b[d] -= mean[d];
      }
      min = Math.min(min, Vectors.cosine(a, b));
    }
    return min;
  }

  private static void time(List<Double> into, Consumer<String> task, String q) {
    long t0 = System.nanoTime();
    task.accept(q);
    into.add((System.nanoTime() - t0) / 1e6);
  }

  private static String percentiles(List<Double> ms) {
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        "p50 %.1f ms | p99 %.1f ms",
        sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1]);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private TextModelBenchmark() {}
}
