package dev.imagesearch.searchapi.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.searchapi.StandinVersion;
import dev.imagesearch.searchapi.models.ModelSets;
import dev.imagesearch.searchapi.search.ImageHit;
import dev.imagesearch.searchapi.search.ResultPage;
import dev.imagesearch.searchapi.search.VectorMath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two index versions made with two model sets, the committed stand-ins (A, images-v1 with the
 * corpus) and another seed (B, loaded as the previous models): whichever version the alias names, a
 * query is encoded with that version's models, so an image finds itself with a cosine of 1.
 */
class ServingVersionsTest extends SearchApiTestBase {
  private static StandinVersion b;

  @BeforeAll
  static void anotherModelVersion() {
    b = StandinVersion.seed(7);
  }

  @DynamicPropertySource
  static void previousModels(DynamicPropertyRegistry registry) {
    registry.add("imagesearch.models.previous.vgg16", () -> b.vgg16());
    registry.add("imagesearch.models.previous.clip", () -> b.clip());
  }

  @AfterEach
  void backToTheCorpusIndex() {
    ImageIndexVersions versions = versions();
    String serving = versions.serving().orElseThrow().name();
    if (!serving.equals(ImageIndex.VERSIONED)) {
      versions.switchAlias(serving, ImageIndex.VERSIONED);
    }
    for (IndexVersion v : versions.list()) {
      if (!v.name().equals(ImageIndex.VERSIONED)) {
        bean(ElasticsearchAsyncClient.class).indices().delete(d -> d.index(v.name())).join();
      }
    }
    bean(ServingIndex.class).resolve().block();
  }

  @Test
  void eachIndexVersionIsQueriedWithItsOwnModels() throws Exception {
    Corpus.Entry entry = corpus.entry(3);
    IndexVersion v2 = versionFor(b.versions());
    EmbeddingModels models = bean(ModelSets.class).find(b.versions()).orElseThrow();
    for (String model : List.of("vgg16", "clip")) {
      assertFindsItself(entry, model);
    }

    switchTo(v2.name());

    for (String model : List.of("vgg16", "clip")) {
      assertFindsItself(entry, model);
    }
    // Encoded with A, the query would miss B's vector of the same image by far.
    RgbImage rgb = new ImageDecoder().decode(entry.bytes());
    assertThat(VectorMath.dot(entry.doc().vgg16(), models.vgg16().embedImage(rgb))).isLessThan(0.9);
    assertThat(VectorMath.dot(entry.doc().clip(), models.clip().embedImage(rgb))).isLessThan(0.9);
  }

  @Test
  void everyAnswerIsConsistentWhileTheAliasMovesBetweenVersions() throws Exception {
    IndexVersion v2 = versionFor(b.versions());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger moves = new AtomicInteger();
    Thread mover =
        Thread.ofPlatform()
            .start(
                () -> {
                  String from = ImageIndex.VERSIONED;
                  String to = v2.name();
                  while (!stop.get()) {
                    versions().switchAlias(from, to);
                    bean(ServingIndex.class).resolve().block();
                    moves.incrementAndGet();
                    String was = from;
                    from = to;
                    to = was;
                  }
                });
    try {
      for (int i = 0; i < 24; i++) {
        assertFindsItself(corpus.entry(i), i % 2 == 0 ? "vgg16" : "clip");
      }
    } finally {
      stop.set(true);
      mover.join();
    }
    assertThat(moves.get()).as("alias moves during the queries").isGreaterThan(4);
  }

  @Test
  void servingModelsNotLoadedAnswer503SayingWhatToConfigure() throws Exception {
    switchTo(versionFor(new ModelVersions("vgg16:unknown", "clip:unknown")).name());

    for (var spec :
        List.of(
            post(withImage(corpus.entry(0).bytes())),
            http.get().uri("/api/search?q=a red bicycle").exchange())) {
      spec.expectStatus()
          .isEqualTo(503)
          .expectBody()
          .jsonPath("$.detail")
          .value(
              String.class,
              detail ->
                  assertThat(detail)
                      .contains(
                          "vgg16:unknown", "imagesearch.models.previous", "/actuator/models"));
    }
  }

  @Test
  void loadsAnotherSetAtRunTimeAndRefusesBadDirectories() throws Exception {
    StandinVersion c = StandinVersion.seed(8);
    refused(Map.of("vgg16", "models/standin/vgg16", "clip", c.clip()), 400, "absolute path");
    refused(Map.of("vgg16", "/models\u0000/vgg16", "clip", c.clip()), 400, "absolute path");
    refused(Map.of("vgg16", c.vgg16() + "-missing", "clip", c.clip()), 400, "no directory");
    refused(Map.of("vgg16", c.clip(), "clip", c.clip()), 400, "holds a clip model");
    String docs = System.getProperty("imagesearch.repo.dir") + "/docs";
    refused(Map.of("vgg16", docs, "clip", c.clip()), 400, "model.json");
    IndexVersion v3 = versionFor(c.versions());
    switchTo(v3.name());
    post(withImage(corpus.entry(5).bytes())).expectStatus().isEqualTo(503).expectBody();
    EmbeddingModels serving = bean(ModelSets.class).configured();

    for (int i = 0; i < 2; i++) { // the second time it is loaded already
      management()
          .post()
          .uri("/actuator/models")
          .bodyValue(Map.of("vgg16", c.vgg16(), "clip", c.clip()))
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.loaded.vgg16")
          .isEqualTo(c.versions().vgg16());
    }
    write(v3.name(), bean(ModelSets.class).find(c.versions()).orElseThrow());

    assertFindsItself(corpus.entry(5), "vgg16");
    assertThat(bean(ModelSets.class).configured()).isSameAs(serving);
    // The configured, the previous and c: no room for a fourth.
    StandinVersion d = StandinVersion.seed(9);
    refused(Map.of("vgg16", d.vgg16(), "clip", d.clip()), 409, "Restart it");
  }

  private void refused(Map<String, String> body, int status, String says) {
    management()
        .post()
        .uri("/actuator/models")
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains(says));
  }

  /** The image is its own best match with a cosine of 1: query and index share their models. */
  private void assertFindsItself(Corpus.Entry entry, String model) {
    ResultPage page = searchByImage(entry.bytes(), "/api/search?model={m}&k=3", model);
    ImageHit first = page.hits().getFirst();
    assertThat(first.id()).as(model).isEqualTo(entry.id());
    assertThat(first.score()).as(model).isGreaterThan(0.999);
  }

  /** A version made for {@code models}, holding the corpus embedded with them when loaded. */
  private IndexVersion versionFor(ModelVersions models) throws Exception {
    IndexVersion version = versions().findOrCreate(models);
    var loaded = bean(ModelSets.class).find(models);
    if (loaded.isPresent()) {
      write(version.name(), loaded.get());
    }
    return version;
  }

  private void write(String index, EmbeddingModels models) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    for (Corpus.Entry e : corpus.entries()) {
      RgbImage rgb = decoder.decode(e.bytes());
      ImageDocument d = e.doc();
      ImageDocument doc =
          ImageDocument.indexed(
              d.id(),
              d.facts(),
              models.vgg16().embedImage(rgb),
              models.clip().embedImage(rgb),
              ModelSets.versions(models),
              d.takenAt(),
              d.camera(),
              d.location(),
              d.duplicateOf());
      bulk.operations(op -> op.index(ix -> ix.index(index).id(doc.id()).document(doc)));
    }
    assertThat(bean(ElasticsearchAsyncClient.class).bulk(bulk.build()).join().errors()).isFalse();
  }

  private void switchTo(String index) {
    versions().switchAlias(versions().serving().orElseThrow().name(), index);
    bean(ServingIndex.class).resolve().block();
  }

  private ImageIndexVersions versions() {
    return bean(SearchIndex.class).versions();
  }
}
