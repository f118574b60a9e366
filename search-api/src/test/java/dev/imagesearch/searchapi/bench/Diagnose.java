package dev.imagesearch.searchapi.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.search.VectorModel;
import java.util.ArrayList;
import java.util.List;

/** Where L1's time goes: the same kNN with and without the candidates' vectors in the answer. */
final class Diagnose {
  private Diagnose() {}

  static void l1(ElasticsearchAsyncClient client, float[] query, int window) {
    List<Float> vector = new ArrayList<>();
    for (float x : query) {
      vector.add(x);
    }
    for (boolean vectors : new boolean[] {false, true, false, true}) {
      long t = System.nanoTime();
      var response =
          client
              .search(
                  s ->
                      s.index(ImageIndex.ALIAS)
                          .knn(
                              k ->
                                  k.field("vgg16")
                                      .queryVector(vector)
                                      .k(window)
                                      .numCandidates(window * 2)
                                      .rescoreVector(r -> r.oversample(2f)))
                          .size(window)
                          .source(
                              src ->
                                  vectors
                                      ? src.filter(f -> f.includes("vgg16").excludeVectors(false))
                                      : src.fetch(false)),
                  VectorModel.StoredVectors.class)
              .join();
      System.out.printf(
          "| diagnostic: kNN k=%d %s | took %d ms in Elasticsearch, %.1f ms in all |%n",
          window,
          vectors ? "with vectors" : "ids only",
          response.took(),
          (System.nanoTime() - t) / 1e6);
    }
  }
}
