package dev.imagesearch.index.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.TestIndex;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class MigrationsTest {
  static final IndexVersion V1 =
      new IndexVersion("images-v1", 1, new ModelVersions("vgg16@a", "clip@a"));
  static final IndexVersion V2 =
      new IndexVersion("images-v2", 2, new ModelVersions("vgg16@b", "clip@b"));
  static final Duration LEASE = Duration.ofSeconds(30);

  @RegisterExtension static final TestIndex elasticsearch = TestIndex.deleting(Migrations.INDEX);

  static final SearchIndex index = elasticsearch.index();
  static final Migrations migrations = index.migrations();

  @Test
  void nothingIsFoundBeforeTheIndexExists() {
    assertThat(migrations.get(V2.name())).isEmpty();
    assertThat(migrations.latest()).isEmpty();
  }

  @Test
  void aStartedMigrationReadsBackWhole() {
    migrations.ensureExists(0);
    Instant now = Instant.parse("2026-12-05T20:00:00Z");

    migrations.start(Migration.of(V1, V2, now));

    Migration read = migrations.get(V2.name()).orElseThrow().migration();
    assertThat(read).isEqualTo(Migration.of(V1, V2, now));
    assertThat(read.state()).isEqualTo(State.ENUMERATING);
    assertThat(read.fromModels()).isEqualTo(V1.models());
    assertThat(migrations.latest()).contains(read);
  }

  @Test
  void aSecondStartJoinsTheRunningOneAndAFinishedOneIsReplaced() {
    migrations.ensureExists(0);
    Instant first = Instant.parse("2026-12-05T20:00:00Z");
    Migrations.Stored running = migrations.start(Migration.of(V1, V2, first));

    Migrations.Stored joined = migrations.start(Migration.of(V1, V2, first.plusSeconds(60)));
    assertThat(joined.migration().startedAt()).isEqualTo(first);

    migrations.update(running, running.migration().inState(State.SWITCHED, first));
    Migrations.Stored again = migrations.start(Migration.of(V1, V2, first.plusSeconds(60)));
    assertThat(again.migration().startedAt()).isEqualTo(first.plusSeconds(60));
  }

  @Test
  void aWriteOnAStaleReadIsRefused() {
    migrations.ensureExists(0);
    Migrations.Stored read = migrations.start(Migration.of(V1, V2, Instant.now()));
    Instant now = Instant.now();

    assertThat(migrations.update(read, read.migration().publishedUpTo("a", 1, now))).isPresent();
    assertThat(migrations.update(read, read.migration().publishedUpTo("b", 1, now))).isEmpty();
    assertThat(migrations.get(V2.name()).orElseThrow().migration().cursor()).isEqualTo("a");
  }

  @Test
  void theLeaseHasOneHolderUntilItRunsOut() {
    migrations.ensureExists(0);
    Migrations.Stored read = migrations.start(Migration.of(V1, V2, Instant.now()));
    Instant now = Instant.now();

    Migrations.Stored held = migrations.lease(read, "worker-1", LEASE, now).orElseThrow();
    assertThat(migrations.lease(held, "worker-2", LEASE, now.plusSeconds(29))).isEmpty();
    Migrations.Stored renewed =
        migrations.lease(held, "worker-1", LEASE, now.plusSeconds(20)).orElseThrow();
    assertThat(migrations.lease(renewed, "worker-2", LEASE, now.plusSeconds(49))).isEmpty();

    Migrations.Stored taken =
        migrations.lease(renewed, "worker-2", LEASE, now.plusSeconds(51)).orElseThrow();
    assertThat(taken.migration().owner()).isEqualTo("worker-2");
    // The first holder's next write is on a stale read: it learns it lost the lease.
    assertThat(migrations.lease(renewed, "worker-1", LEASE, now.plusSeconds(52))).isEmpty();
  }

  @Test
  void theEtaFollowsTheRateAndIsUnknownWithoutOne() {
    Migration m = Migration.of(V1, V2, Instant.now());

    assertThat(m.etaSeconds()).isNull();
    assertThat(m.progress(100, 1100, 50, Instant.now()).etaSeconds()).isEqualTo(20);
  }
}
