package dev.imagesearch.index.migration;

import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.migration.Migration.State;
import java.time.Instant;
import java.util.Optional;

/**
 * Undoes the latest migration. A switched one: the alias goes back to the previous version in one
 * request, and a migration back into it starts, because images uploaded after the switch exist only
 * in the newer version (it re-embeds just those: workers skip images already present). A running
 * one: it stops, and the alias never moved. Either way the undone record says {@code ROLLED_BACK},
 * so a worker with its models does not start it again by itself.
 */
public final class Rollback {
  private Rollback() {}

  /** What the rollback did: the undone migration and, after a switch, the one back. */
  public record Outcome(Migration undone, Optional<Migration> back) {}

  public static Outcome latest(ImageIndexVersions versions, Migrations migrations) {
    Migration latest =
        migrations
            .latest()
            .filter(m -> m.state() != State.ROLLED_BACK)
            .orElseThrow(() -> new IllegalStateException("There is no migration to roll back."));
    Migrations.Stored stored =
        migrations
            .get(latest.to())
            .orElseThrow(() -> new IllegalStateException("The migration record vanished."));
    Instant now = Instant.now();
    if (latest.state() == State.SWITCHED) {
      versions.switchAlias(latest.to(), latest.from());
    }
    Migration undone = latest.inState(State.ROLLED_BACK, now);
    if (migrations.update(stored, undone).isEmpty()) {
      throw new IllegalStateException(
          "The migration into " + latest.to() + " changed meanwhile; run the rollback again.");
    }
    if (latest.state() != State.SWITCHED) {
      return new Outcome(undone, Optional.empty());
    }
    Migration back =
        Migration.of(
            new IndexVersion(latest.to(), 0, latest.toModels()),
            new IndexVersion(latest.from(), 0, latest.fromModels()),
            now);
    return new Outcome(undone, Optional.of(migrations.start(back).migration()));
  }

  /**
   * Choosing {@code models} again after a rollback ({@code imagesearch models use}): forgets the
   * records that keep their workers from migrating, the rolled-back one and any way back from their
   * version, so the next worker with those models starts the migration afresh (skipping images
   * already there). Without this, the rollback would hold for good. Returns how many it forgot.
   */
  public static int allowAgain(
      ImageIndexVersions versions, Migrations migrations, ModelVersions models) {
    int forgotten = 0;
    for (IndexVersion chosen : versions.list()) {
      if (!chosen.models().equals(models)) {
        continue;
      }
      for (IndexVersion version : versions.list()) {
        Optional<Migration> record =
            migrations.get(version.name()).map(Migrations.Stored::migration);
        boolean blocks =
            record.isPresent()
                && (record.get().from().equals(chosen.name())
                    || (version.equals(chosen) && record.get().state() == State.ROLLED_BACK));
        if (blocks) {
          migrations.forget(version.name());
          forgotten++;
        }
      }
    }
    return forgotten;
  }
}
