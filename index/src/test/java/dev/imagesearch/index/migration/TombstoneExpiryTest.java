package dev.imagesearch.index.migration;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.TestIndex;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class TombstoneExpiryTest {
  static final IndexVersion V1 =
      new IndexVersion("images-v1", 1, new ModelVersions("vgg16@a", "clip@a"));
  static final IndexVersion V2 =
      new IndexVersion("images-v2", 2, new ModelVersions("vgg16@b", "clip@b"));
  static final IndexVersion V3 =
      new IndexVersion("images-v3", 3, new ModelVersions("vgg16@c", "clip@c"));
  static final Duration MARGIN = Duration.ofHours(1);

  @RegisterExtension
  static final TestIndex elasticsearch = TestIndex.deleting(Migrations.INDEX, ImageDeletions.INDEX);

  static final Migrations migrations = elasticsearch.index().migrations();
  static final ImageDeletions deletions =
      new ImageDeletions(elasticsearch.index().client(), Duration.ofSeconds(30));
  static final TombstoneExpiry expiry = new TombstoneExpiry(elasticsearch.es(), MARGIN);
  Instant now;

  @BeforeEach
  void indices() throws Exception {
    migrations.ensureExists(0);
    deletions.ensureExists(0);
    now = Instant.now();
  }

  @Test
  void withoutAMigrationATombstoneOlderThanTheMarginIsPurged() throws Exception {
    tombstones("old", hoursAgo(2), "recent", now.minus(Duration.ofMinutes(10)));

    assertThat(expiry.horizon(now, 0)).contains(now.minus(MARGIN));
    purge();

    assertThat(kept("old", "recent")).containsExactly(id("recent"));
  }

  @Test
  void aTombstoneNewerThanARunningMigrationsStartIsKept() throws Exception {
    // A finished migration that started earlier holds nothing back.
    Migrations.Stored done = migrations.start(Migration.of(V1, V2, hoursAgo(10)));
    migrations.update(done, done.migration().inState(State.SWITCHED, hoursAgo(9)));
    migrations.start(Migration.of(V2, V3, hoursAgo(3)));
    tombstones("beforeTheStart", hoursAgo(5), "duringTheMigration", hoursAgo(2));

    assertThat(expiry.horizon(now, 0)).contains(hoursAgo(3).minus(MARGIN));
    purge();

    assertThat(kept("beforeTheStart", "duringTheMigration"))
        .containsExactly(id("duringTheMigration"));
  }

  @Test
  void nothingMayGoWhileRequestsWaitOnTheTopic() {
    // Those of a rolled-back migration wait for the next migration into its version.
    assertThat(expiry.horizon(now, 1)).isEmpty();
  }

  private void purge() throws Exception {
    deletions.purge(expiry.horizon(now, 0).orElseThrow(), 100);
  }

  private void tombstones(String a, Instant deletedA, String b, Instant deletedB) throws Exception {
    elasticsearch
        .es()
        .bulk(
            r ->
                r.operations(ImageDeletions.tombstone(id(a), deletedA))
                    .operations(ImageDeletions.tombstone(id(b), deletedB))
                    .refresh(Refresh.True));
  }

  private Set<String> kept(String... names) throws Exception {
    return deletions.deleted(List.of(names).stream().map(TombstoneExpiryTest::id).toList());
  }

  private Instant hoursAgo(int hours) {
    return now.minus(Duration.ofHours(hours));
  }

  /** A content-hash-like id for a readable name. */
  private static String id(String name) {
    return (name + "-".repeat(64)).substring(0, 64);
  }
}
