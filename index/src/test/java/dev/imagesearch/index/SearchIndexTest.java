package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class SearchIndexTest {
  static final ModelVersions MODELS = new ModelVersions("vgg16@standin-1", "clip@standin-1");
  @RegisterExtension static final TestIndex elasticsearch = TestIndex.deletingVersionsAnd();
  static final SearchIndex index = elasticsearch.index();
  static final ElasticsearchClient es = elasticsearch.es();

  @Test
  void createsTheVersionedIndexBehindTheAliasOnce() throws Exception {
    index.ensureExists(MODELS);
    index.ensureExists(MODELS);

    assertThat(es.indices().getAlias(a -> a.name(ImageIndex.ALIAS)).aliases())
        .containsOnlyKeys(ImageIndex.VERSIONED);
    index.verify(MODELS);
  }

  @Test
  void createsTheIndexWithTheConfiguredShardsAndReplicas() throws Exception {
    try (SearchIndex sharded =
        SearchIndex.connect(
            new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 3))) {
      sharded.ensureExists(MODELS);
    }
    var settings =
        es.indices().getSettings(s -> s.index(ImageIndex.VERSIONED)).get(ImageIndex.VERSIONED);
    assertThat(settings.settings().index().numberOfShards()).isEqualTo("3");
    assertThat(settings.settings().index().numberOfReplicas()).isEqualTo("0");
  }

  @Test
  void storesADocumentAndFindsItByVector() throws Exception {
    index.ensureExists(MODELS);
    float[] unit = new float[ImageIndex.DIMS];
    unit[7] = 1f;
    var document =
        ImageDocument.indexed(
            "a".repeat(64),
            new ImageFacts(
                "x.jpg", "c", List.of("t"), "caption", "image/jpeg", 10, 10, 100L, Instant.now()),
            unit,
            unit,
            MODELS,
            null,
            null,
            new ImageDocument.GeoPoint(48.85, 2.35),
            null);
    es.index(
        i -> i.index(ImageIndex.ALIAS).id(document.id()).document(document).refresh(Refresh.True));

    var hits =
        es.search(
                s ->
                    s.index(ImageIndex.ALIAS)
                        .knn(
                            k ->
                                k.field(ImageIndex.CLIP)
                                    .queryVector(toList(unit))
                                    .k(1)
                                    .numCandidates(10)),
                ImageDocument.class)
            .hits()
            .hits();

    assertThat(hits).hasSize(1);
    assertThat(hits.getFirst().id()).isEqualTo(document.id());
    assertThat(hits.getFirst().source().location())
        .isEqualTo(new ImageDocument.GeoPoint(48.85, 2.35));
  }

  @Test
  void refusesAnIndexMadeForOtherModels() {
    index.ensureExists(MODELS);

    assertThatThrownBy(
            () -> index.verify(new ModelVersions("vgg16@standin-1", "clip@openai-vit-b-32")))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("clipModel clip@standin-1")
        .hasMessageContaining("loaded clip@openai-vit-b-32");
  }

  @Test
  void refusesAnIndexWithOtherDimensions() throws Exception {
    String mapping =
        "{\"mappings\":{\"properties\":{\"vgg16\":{\"type\":\"dense_vector\",\"dims\":256},"
            + "\"clip\":{\"type\":\"dense_vector\",\"dims\":512}}}}";
    es.indices()
        .create(
            c ->
                c.index("images-old")
                    .withJson(new StringReader(mapping))
                    .aliases(ImageIndex.ALIAS, a -> a));

    assertThatThrownBy(() -> index.verify(MODELS))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("256 dimensions for 'vgg16'");
  }

  record Status(String status, String failureReason) {}

  @Test
  void anImageIsNotFoundBeforeTheIndexExists() throws Exception {
    assertThat(ImageReads.byId(index.client(), "a".repeat(64), Status.class, g -> g).get())
        .isEmpty();
  }

  @Test
  void readsTheSelectedFieldsOfAnImageAndNothingOfAnUnknownOne() throws Exception {
    index.ensureExists(MODELS);
    String id = "b".repeat(64);
    es.index(
        i ->
            i.index(ImageIndex.ALIAS)
                .id(id)
                .document(
                    Map.of(
                        ImageIndex.STATUS, ImageIndex.FAILED,
                        ImageIndex.FAILURE_REASON, "UNREADABLE: not an image",
                        ImageIndex.FILENAME, "x.jpg"))
                .refresh(Refresh.True));

    var found =
        ImageReads.byId(
                index.client(),
                id,
                Status.class,
                g -> g.sourceIncludes(ImageIndex.STATUS, ImageIndex.FAILURE_REASON))
            .get();
    var unknown = ImageReads.byId(index.client(), "c".repeat(64), Status.class, g -> g).get();

    assertThat(found).contains(new Status(ImageIndex.FAILED, "UNREADABLE: not an image"));
    assertThat(unknown).isEmpty();
  }

  private static List<Float> toList(float[] vector) {
    List<Float> list = new java.util.ArrayList<>(vector.length);
    for (float v : vector) {
      list.add(v);
    }
    return list;
  }
}
