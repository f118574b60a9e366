package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithRealServers
class ImageReadsTest {
  static SearchIndex index;
  static ElasticsearchClient es;

  record Status(String status, String failureReason) {}

  @BeforeAll
  static void connect() {
    index =
        SearchIndex.connect(
            new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1));
    es = new ElasticsearchClient(index.client()._transport());
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  @BeforeEach
  void noIndex() throws Exception {
    es.indices().delete(d -> d.index(ImageIndex.VERSIONED).ignoreUnavailable(true));
  }

  @Test
  void anImageIsNotFoundBeforeTheIndexExists() throws Exception {
    assertThat(ImageReads.byId(index.client(), "a".repeat(64), Status.class, g -> g).get())
        .isEmpty();
  }

  @Test
  void readsTheSelectedFieldsOfAnImageAndNothingOfAnUnknownOne() throws Exception {
    index.ensureExists(SearchIndexTest.MODELS);
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
}
