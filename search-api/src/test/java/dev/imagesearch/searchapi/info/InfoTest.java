package dev.imagesearch.searchapi.info;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.api.Test;

class InfoTest extends SearchApiTestBase {
  @Test
  void reportsModelsStandInsAndCounts() {
    EmbeddingModels models = bean(EmbeddingModels.class);
    http.get()
        .uri("/api/info")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.models.vgg16.id")
        .isEqualTo(models.vgg16().descriptor().id())
        .jsonPath("$.models.clip.version")
        .isEqualTo(models.clip().descriptor().version())
        .jsonPath("$.models.clip.standin")
        .isEqualTo(true)
        .jsonPath("$.standinModels")
        .isEqualTo(true)
        .jsonPath("$.indexed")
        .isEqualTo(Corpus.SIZE)
        .jsonPath("$.failed")
        .isEqualTo(1);
  }

  @Test
  void countsIndexedImagesPerCollection() {
    long alpha =
        corpus.entries().stream().filter(e -> "alpha".equals(e.doc().facts().collection())).count();
    long beta =
        corpus.entries().stream().filter(e -> "beta".equals(e.doc().facts().collection())).count();
    http.get()
        .uri("/api/collections")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.collections.length()")
        .isEqualTo(3)
        .jsonPath("$.collections[?(@.name == 'alpha')].count")
        .isEqualTo(java.util.List.of((int) alpha))
        .jsonPath("$.collections[?(@.name == 'beta')].count")
        .isEqualTo(java.util.List.of((int) beta));
  }
}
