package dev.imagesearch.searchapi.info;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.Migration;
import dev.imagesearch.index.migration.Migrations;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.searchapi.models.ModelSets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

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
  void reportsTheServingIndexAndTheMigrationWhileItRuns() {
    ModelVersions serving = ModelSets.versions(bean(EmbeddingModels.class));
    info()
        .jsonPath("$.serving.index")
        .isEqualTo(ImageIndex.VERSIONED)
        .jsonPath("$.serving.models.vgg16")
        .isEqualTo(serving.vgg16())
        .jsonPath("$.serving.models.clip")
        .isEqualTo(serving.clip())
        .jsonPath("$.migration")
        .isEmpty();
    Migrations migrations = bean(SearchIndex.class).migrations();
    migrations.ensureExists(0);
    Instant now = Instant.now();
    Migration running =
        Migration.of(
                new IndexVersion(ImageIndex.VERSIONED, 1, serving),
                new IndexVersion("images-v2", 2, new ModelVersions("vgg16:b", "clip:b")),
                now)
            .progress(40, 100, 20.0, now);
    var stored = migrations.start(running);
    try {
      info()
          .jsonPath("$.migration.from")
          .isEqualTo(ImageIndex.VERSIONED)
          .jsonPath("$.migration.to")
          .isEqualTo("images-v2")
          .jsonPath("$.migration.state")
          .isEqualTo("ENUMERATING")
          .jsonPath("$.migration.done")
          .isEqualTo(40)
          .jsonPath("$.migration.total")
          .isEqualTo(100)
          .jsonPath("$.migration.ratePerSecond")
          .isEqualTo(20.0)
          .jsonPath("$.migration.etaSeconds")
          .isEqualTo(3);

      migrations.update(stored, running.inState(Migration.State.SWITCHED, now)).orElseThrow();
      info().jsonPath("$.migration").isEmpty();
    } finally {
      migrations.forget("images-v2");
    }
  }

  private WebTestClient.BodyContentSpec info() {
    return http.get().uri("/api/info").exchange().expectStatus().isOk().expectBody();
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
