package dev.imagesearch.searchapi.bench;

import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.searchapi.search.Metric;
import dev.imagesearch.testsupport.TestImages;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark, not a test: loads N documents into a dedicated Elasticsearch, runs the search-api in
 * this JVM and measures text, image and similar-by-id queries over HTTP at concurrency 1 and 8,
 * recall@10 of each metric against exact brute force, and the brute-force baseline itself. Usage:
 * tools/bench/search-bench.sh. Args: MODELS_DIR DOCUMENTS GROUPS GROUP_NOISE DOC_NOISE
 * [SETTING...]: recall and similar-by-id latency are measured again with each extra service
 * setting.
 */
public final class SearchBenchmark {
  private static final String[] WORDS = {
    "red", "bicycle", "sea", "dog", "beach", "city", "night", "flower", "car", "tree", "a photo of"
  };

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    Random random = new Random(7);
    try (BenchStack stack = new BenchStack(models)) {
      var base = stack.baseVectors(200);
      int groups = Integer.parseInt(args[2]);
      double groupNoise = Double.parseDouble(args[3]);
      double docNoise = Double.parseDouble(args[4]);
      BenchCorpus corpus =
          new BenchCorpus(size, base.get(0), base.get(1), groups, groupNoise, docNoise, 11);
      out(
          "| corpus | %d base images x %d groups (noise %.2f), document noise %.2f |",
          base.get(0).size(), groups, groupNoise, docNoise);
      double[] load = stack.load(corpus);
      out(
          "| setup | %d documents indexed in %.0f s, merged to one segment in %.0f s |",
          size, load[0], load[1]);
      Api api = new Api(stack.port);
      Diagnose.l1(
          stack.app.getBean(co.elastic.clients.elasticsearch.ElasticsearchAsyncClient.class),
          corpus.vgg16[0],
          240);
      String[] texts = new String[400];
      for (int i = 0; i < texts.length; i++) {
        texts[i] =
            WORDS[random.nextInt(WORDS.length)]
                + " "
                + WORDS[random.nextInt(WORDS.length)]
                + " "
                + WORDS[random.nextInt(WORDS.length)];
      }
      byte[][] images = new byte[16][];
      for (int i = 0; i < images.length; i++) {
        images[i] = TestImages.jpeg(900_000 + i, 640, 480);
      }
      int[] picks = random.ints(400, 0, size).toArray();
      out("| query | concurrency | n | p50 ms | p99 ms | queries/s |");
      out("|---|---|---|---|---|---|");
      for (int c : new int[] {1, 8}) {
        row(
            "text, semantic (CLIP kNN)",
            c,
            Load.run(200, c, 20, i -> api.text(texts[i % texts.length], "semantic", 24)));
        row(
            "text, hybrid (kNN + words, RRF)",
            c,
            Load.run(200, c, 20, i -> api.text(texts[i % texts.length], "hybrid", 24)));
        row(
            "similar-by-id (vgg16, cosine)",
            c,
            Load.run(
                300,
                c,
                20,
                i -> api.similar(corpus.ids[picks[i % picks.length]], "vgg16", "cosine", 24)));
        row(
            "similar-by-id (vgg16, l1)",
            c,
            Load.run(
                200,
                c,
                10,
                i -> api.similar(corpus.ids[picks[i % picks.length]], "vgg16", "l1", 24)));
        row(
            "image, clip (upload + decode + CLIP + kNN)",
            c,
            Load.run(48, c, 4, i -> api.image(images[i % images.length], "clip", 24)));
        row(
            "image, vgg16 (upload + decode + VGG16 + kNN)",
            c,
            Load.run(48, c, 4, i -> api.image(images[i % images.length], "vgg16", 24)));
      }
      ImageDecoder decoder = new ImageDecoder();
      row(
          "model only: decode + CLIP image",
          1,
          Load.run(
              32,
              1,
              4,
              i -> stack.models.clip().embedImage(decoder.decode(images[i % images.length]))));
      row(
          "model only: decode + VGG16 image",
          1,
          Load.run(
              32,
              1,
              4,
              i -> stack.models.vgg16().embedImage(decoder.decode(images[i % images.length]))));
      row(
          "model only: CLIP text",
          1,
          Load.run(100, 1, 10, i -> stack.models.clip().embedText(texts[i % texts.length])));
      for (int c : new int[] {1, 8}) {
        row(
            "baseline: exact scan of all vgg16 vectors (Java, in memory)",
            c,
            Load.run(
                100,
                c,
                5,
                i ->
                    Exact.topK(
                        corpus.vgg16,
                        corpus.vgg16[picks[i % picks.length]],
                        Metric.COSINE,
                        24,
                        picks[i % picks.length])));
      }
      recall(api, corpus, picks, "defaults");
      for (int a = 5; a < args.length; a++) {
        stack.restart(args[a]);
        Api again = new Api(stack.port);
        out("");
        out("| with %s | concurrency | n | p50 ms | p99 ms | queries/s |", args[a]);
        out("|---|---|---|---|---|---|");
        row(
            "similar-by-id (vgg16, cosine)",
            1,
            Load.run(
                200,
                1,
                20,
                i -> again.similar(corpus.ids[picks[i % picks.length]], "vgg16", "cosine", 24)));
        row(
            "similar-by-id (vgg16, l1)",
            1,
            Load.run(
                100,
                1,
                10,
                i -> again.similar(corpus.ids[picks[i % picks.length]], "vgg16", "l1", 24)));
        recall(again, corpus, picks, args[a]);
      }
    }
  }

  private static void recall(Api api, BenchCorpus corpus, int[] picks, String setting)
      throws Exception {
    out("");
    out("| recall@10 vs exact (%s) | cosine | l2 | l1 |", setting);
    out("|---|---|---|---|");
    for (String model : new String[] {"vgg16", "clip"}) {
      float[][] vectors = model.equals("vgg16") ? corpus.vgg16 : corpus.clip;
      StringBuilder line = new StringBuilder("| similar-by-id, " + model + " |");
      for (Metric metric : Metric.values()) {
        double hits = 0;
        int queries = 100;
        for (int q = 0; q < queries; q++) {
          int pick = picks[q];
          Set<String> exact = new HashSet<>();
          for (int i : Exact.topK(vectors, vectors[pick], metric, 10, pick)) {
            exact.add(corpus.ids[i]);
          }
          List<String> got = api.similar(corpus.ids[pick], model, metric.label(), 10);
          hits += got.stream().filter(exact::contains).count();
        }
        line.append(String.format(Locale.ROOT, " %.3f |", hits / (queries * 10.0)));
      }
      out(line.toString());
    }
  }

  private static void row(String name, int c, Load.Result r) {
    out("| %s | %d | %d | %.1f | %.1f | %.1f |", name, c, r.n(), r.p50(), r.p99(), r.perSecond());
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
