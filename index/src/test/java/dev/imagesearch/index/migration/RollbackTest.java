package dev.imagesearch.index.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.TestIndex;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class RollbackTest {
  static final ModelVersions A = new ModelVersions("vgg16@a", "clip@a");
  static final ModelVersions B = new ModelVersions("vgg16@b", "clip@b");

  @RegisterExtension
  static final TestIndex elasticsearch = TestIndex.deletingVersionsAnd(Migrations.INDEX);

  static final SearchIndex index = elasticsearch.index();
  static final ImageIndexVersions versions = index.versions();
  static final Migrations migrations = index.migrations();
  IndexVersion v1;
  IndexVersion v2;

  @BeforeEach
  void versionsAAndB() {
    index.ensureExists(A);
    migrations.ensureExists(0);
    v1 = versions.serving().orElseThrow();
    v2 = versions.findOrCreate(B);
  }

  @Test
  void afterTheSwitchTheAliasGoesBackAndImagesOnlyInTheNewVersionAreBroughtBack() {
    var stored = migrations.start(Migration.of(v1, v2, Instant.now()));
    versions.switchAlias(v1.name(), v2.name());
    migrations.update(stored, stored.migration().inState(State.SWITCHED, Instant.now()));

    Rollback.Outcome outcome = Rollback.latest(versions, migrations);

    assertThat(versions.serving()).contains(v1);
    assertThat(migrations.get(v2.name()).orElseThrow().migration().state())
        .isEqualTo(State.ROLLED_BACK);
    Migration back = outcome.back().orElseThrow();
    assertThat(back.from()).isEqualTo(v2.name());
    assertThat(back.to()).isEqualTo(v1.name());
    assertThat(back.toModels()).isEqualTo(A);
    assertThat(migrations.get(v1.name()).orElseThrow().migration().state())
        .isEqualTo(State.ENUMERATING);
  }

  @Test
  void aRunningMigrationStopsAndTheAliasStays() {
    migrations.start(Migration.of(v1, v2, Instant.now()));

    Rollback.Outcome outcome = Rollback.latest(versions, migrations);

    assertThat(outcome.back()).isEmpty();
    assertThat(outcome.undone().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(versions.serving()).contains(v1);
    assertThat(migrations.get(v2.name()).orElseThrow().migration().state())
        .isEqualTo(State.ROLLED_BACK);
  }

  @Test
  void withoutAMigrationThereIsNothingToRollBack() {
    assertThatThrownBy(() -> Rollback.latest(versions, migrations))
        .hasMessageContaining("no migration to roll back");
  }

  @Test
  void choosingTheRolledBackModelsAgainForgetsWhatHeldTheirWorkersBack() {
    var stored = migrations.start(Migration.of(v1, v2, Instant.now()));
    versions.switchAlias(v1.name(), v2.name());
    migrations.update(stored, stored.migration().inState(State.SWITCHED, Instant.now()));
    Rollback.latest(versions, migrations);

    assertThat(Rollback.allowAgain(versions, migrations, B)).isEqualTo(2);

    assertThat(migrations.get(v2.name())).as("the rolled-back record").isEmpty();
    assertThat(migrations.get(v1.name())).as("the way back from v2").isEmpty();
    assertThat(versions.serving()).contains(v1);
  }

  @Test
  void choosingTheServingModelsAgainForgetsNothing() {
    migrations.start(Migration.of(v1, v2, Instant.now()));

    assertThat(Rollback.allowAgain(versions, migrations, B)).isZero();

    assertThat(migrations.get(v2.name()).orElseThrow().migration().state())
        .isEqualTo(State.ENUMERATING);
  }
}
