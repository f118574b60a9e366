package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class ImageDeletionsTest {
  @RegisterExtension
  static final TestIndex elasticsearch = TestIndex.deleting(ImageDeletions.INDEX);

  static final ElasticsearchClient es = elasticsearch.es();
  static final ImageDeletions deletions =
      new ImageDeletions(elasticsearch.index().client(), Duration.ofSeconds(30));

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
