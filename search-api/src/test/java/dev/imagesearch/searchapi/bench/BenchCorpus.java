package dev.imagesearch.searchapi.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ModelVersions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's documents, built from real vectors of the embedding library (a few hundred
 * generated images) in two levels, the way photo collections hold series of similar shots: each
 * base vector gets {@code groups} fixed offsets (noise of norm {@code groupNoise}), and each
 * document is one group's vector plus its own noise (norm {@code docNoise}), re-normalised. With
 * one group per base and no group noise, it is plain isotropic noise around the real vectors.
 * Vectors stay in memory for the exact baseline.
 */
final class BenchCorpus {
  private static final List<String> WORDS =
      List.of("red", "bicycle", "sea", "dog", "beach", "city", "night", "flower", "car", "tree");

  final String[] ids;
  final float[][] vgg16;
  final float[][] clip;

  BenchCorpus(
      int size,
      List<float[]> baseVgg,
      List<float[]> baseClip,
      int groups,
      double groupNoise,
      double docNoise,
      long seed) {
    Random random = new Random(seed);
    int bases = baseVgg.size();
    float[][] groupVgg = new float[bases * groups][];
    float[][] groupClip = new float[bases * groups][];
    for (int g = 0; g < groupVgg.length; g++) {
      groupVgg[g] = noisy(baseVgg.get(g / groups), groupNoise, random);
      groupClip[g] = noisy(baseClip.get(g / groups), groupNoise, random);
    }
    ids = new String[size];
    vgg16 = new float[size][];
    clip = new float[size][];
    byte[] id = new byte[32];
    for (int i = 0; i < size; i++) {
      random.nextBytes(id);
      ids[i] = HexFormat.of().formatHex(id);
      int group = random.nextInt(groupVgg.length);
      vgg16[i] = noisy(groupVgg[group], docNoise, random);
      clip[i] = noisy(groupClip[group], docNoise, random);
    }
  }

  private static float[] noisy(float[] base, double noise, Random random) {
    float[] v = base.clone();
    double sigma = noise / Math.sqrt(v.length);
    for (int d = 0; d < v.length; d++) {
      v[d] += (float) (random.nextGaussian() * sigma);
    }
    return Vectors.l2Normalize(v);
  }

  int size() {
    return ids.length;
  }

  /** Bulk-loads every document, {@code batch} per request. */
  void load(ElasticsearchAsyncClient client, String vggModel, String clipModel, int batch) {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int from = 0; from < size(); from += batch) {
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (int i = from; i < Math.min(size(), from + batch); i++) {
        int n = i;
        ImageDocument doc =
            ImageDocument.indexed(
                ids[i],
                new ImageFacts(
                    "photo-" + i + ".jpg",
                    "collection-" + (i % 5),
                    List.of(WORDS.get(i % WORDS.size())),
                    "a " + WORDS.get(i % 7) + " " + WORDS.get((i / 7) % WORDS.size()),
                    "image/jpeg",
                    640,
                    480,
                    120_000L,
                    start.plus(i % 1000, ChronoUnit.HOURS)),
                vgg16[i],
                clip[i],
                new ModelVersions(vggModel, clipModel),
                null,
                null,
                null,
                null);
        bulk.operations(op -> op.index(ix -> ix.index(ImageIndex.ALIAS).id(ids[n]).document(doc)));
      }
      var response = client.bulk(bulk.build()).join();
      if (response.errors()) {
        throw new IllegalStateException("bulk failed: " + response.items().getFirst().error());
      }
      if ((from / batch) % 10 == 0) {
        System.err.printf("indexed %d / %d%n", Math.min(size(), from + batch), size());
      }
    }
  }
}
