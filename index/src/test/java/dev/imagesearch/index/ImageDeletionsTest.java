package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
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

  @Test
  void aPurgeDeletesOnlyTombstonesBeforeTheInstantAndAtMostTheBatch() throws Exception {
    assertThat(deletions.purge(Instant.now(), 10)).as("no index yet").isZero();
    deletions.ensureExists(0);
    Instant now = Instant.now();
    String older = "a".repeat(64);
    String old = "b".repeat(64);
    String recent = "c".repeat(64);
    es.bulk(
        b ->
            b.operations(ImageDeletions.tombstone(older, now.minus(Duration.ofHours(3))))
                .operations(ImageDeletions.tombstone(old, now.minus(Duration.ofHours(2))))
                .operations(ImageDeletions.tombstone(recent, now.minus(Duration.ofMinutes(10))))
                .refresh(Refresh.True));

    Instant before = now.minus(Duration.ofHours(1));
    assertThat(deletions.purge(before, 1)).isOne();
    es.indices().refresh(r -> r.index(ImageDeletions.INDEX));
    assertThat(deletions.purge(before, 10)).isOne();

    assertThat(deletions.deleted(List.of(older, old, recent))).containsExactly(recent);
  }
}
