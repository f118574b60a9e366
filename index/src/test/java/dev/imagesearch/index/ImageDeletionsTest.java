package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithRealServers
class ImageDeletionsTest {
  static SearchIndex index;
  static ElasticsearchClient es;
  static ImageDeletions deletions;

  @BeforeAll
  static void connect() {
    index =
        SearchIndex.connect(
            new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1));
    es = new ElasticsearchClient(index.client()._transport());
    deletions = new ImageDeletions(index.client(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  @BeforeEach
  void noTombstones() throws Exception {
    es.indices().delete(d -> d.index(ImageDeletions.INDEX).ignoreUnavailable(true));
  }

  @Test
  void nothingIsDeletedBeforeTheIndexExists() throws Exception {
    assertThat(deletions.deleted(List.of("a".repeat(64)))).isEmpty();
  }

  @Test
  void aTombstoneCountsAtOnceAndAReUploadRemovesIt() throws Exception {
    deletions.ensureExists(0);
    deletions.ensureExists(0);
    String gone = "a".repeat(64);
    String kept = "b".repeat(64);

    es.bulk(b -> b.operations(ImageDeletions.tombstone(gone, Instant.now())));
    // Realtime: no refresh between the write and the read.
    assertThat(deletions.deleted(List.of(gone, kept))).containsExactly(gone);

    es.bulk(b -> b.operations(ImageDeletions.forget(gone)));
    assertThat(deletions.deleted(List.of(gone, kept))).isEmpty();
  }
}
