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
import org.junit.jupiter.api.Test;

/** The start-up check, against the test index (made for the stand-ins). */
class IndexCheckTest extends SearchApiTestBase {
  @Test
  void refusesAnIndexMadeForOtherModelsWithAClearMessage() {
    var other = new ModelVersions("vgg16:other-version", "clip:other-version");

    assertThatThrownBy(
            () ->
                IndexCheck.check(
                    bean(SearchIndex.class), bean(ElasticsearchAsyncClient.class), other))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("vgg16:other-version")
        .hasMessageContaining(bean(EmbeddingModels.class).vgg16().descriptor().id());
  }

  @Test
  void acceptsTheIndexOfTheLoadedModels() {
    assertThatCode(
            () ->
                IndexCheck.check(
                    bean(SearchIndex.class),
                    bean(ElasticsearchAsyncClient.class),
                    bean(ModelVersions.class)))
        .doesNotThrowAnyException();
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
      assertThatCode(
              () -> IndexCheck.check(away, away.client(), new ModelVersions("vgg16:x", "clip:x")))
          .doesNotThrowAnyException();
    }
  }
}
