package dev.imagesearch.searchapi.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Text-query encoding on full-size stand-ins, in one run: CLIP's text tower against the
 * multilingual encoder (p50/p99 per query, interleaved), the language detection of {@code auto},
 * and the memory each adds to the process (RSS after load and after the queries; heap for the
 * detector). Run by tools/bench/text-model-bench.sh; args: CLIP_DIR MULTILINGUAL_DIR ROUNDS.
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
