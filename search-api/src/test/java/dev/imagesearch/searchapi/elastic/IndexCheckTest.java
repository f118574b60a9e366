package dev.imagesearch.searchapi.elastic;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.index.IndexMismatchException;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.searchapi.SearchApiTestBase;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up check, against the test index (made for the stand-ins). */
class IndexCheckTest extends SearchApiTestBase {
  @Test
  void refusesAnIndexMadeForOtherModelsWithAClearMessage() {
    ModelVersions other = other();

    assertThatThrownBy(
            () ->
                IndexCheck.check(
                    bean(SearchIndex.class), bean(ElasticsearchAsyncClient.class), List.of(other)))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("vgg16:other-version")
        .hasMessageContaining(bean(EmbeddingModels.class).vgg16().descriptor().id());
  }

  @Test
  void acceptsTheIndexOfEitherLoadedSet() {
    assertThatCode(
            () ->
                IndexCheck.check(
                    bean(SearchIndex.class),
                    bean(ElasticsearchAsyncClient.class),
                    List.of(other(), bean(ModelVersions.class))))
        .doesNotThrowAnyException();
  }

  @Test
  void namesThePreviousModelsWhenNeitherSetFits() {
    assertThatThrownBy(
            () ->
                IndexCheck.check(
                    bean(SearchIndex.class),
                    bean(ElasticsearchAsyncClient.class),
                    List.of(other(), new ModelVersions("vgg16:previous", "clip:previous"))))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("vgg16:other-version")
        .hasMessageContaining("vgg16:previous")
        .hasMessageContaining("imagesearch.models.previous");
  }

  private static ModelVersions other() {
    return new ModelVersions("vgg16:other-version", "clip:other-version");
  }

  @Test
  void startsWhenElasticsearchIsUnreachable() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (SearchIndex away =
        SearchIndex.connect(
            new IndexProperties(URI.create("http://127.0.0.1:" + closed), null, 0, 1))) {
      assertThatCode(() -> IndexCheck.check(away, away.client(), List.of(other())))
          .doesNotThrowAnyException();
    }
  }
}
