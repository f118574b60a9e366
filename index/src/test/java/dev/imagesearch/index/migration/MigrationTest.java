package dev.imagesearch.index.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.migration.Migration.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each change of a migration sets its own fields and keeps every other one as it was. */
class MigrationTest {
  static final Instant T = Instant.parse("2026-12-05T20:00:00Z");
  static final Instant NOW = T.plusSeconds(60);
  static final Migration M =
      new Migration(
          "images-v1",
          "images-v2",
          new ModelVersions("vgg16@a", "clip@a"),
          new ModelVersions("vgg16@b", "clip@b"),
          State.VERIFYING,
          "cursor",
          5,
          10,
          4,
          1.5,
          T,
          T.plusSeconds(1),
          T.plusSeconds(2),
          "worker-1",
          T.plusSeconds(3),
          2);

  @Test
  void aLeaseChangesTheOwnerAndItsEnd() {
    changes(
        M.leasedTo("worker-2", NOW, Duration.ofSeconds(30)),
        "updatedAt,owner,leaseUntil",
        NOW,
        "worker-2",
        NOW.plusSeconds(30));
  }

  @Test
  void aStateChangesTheStateAndOnlyASwitchTheSwitchTime() {
    changes(M.inState(State.ROLLED_BACK, NOW), "updatedAt,state", NOW, State.ROLLED_BACK);
    changes(M.inState(State.SWITCHED, NOW), "updatedAt,state,switchedAt", NOW, State.SWITCHED, NOW);
  }

  @Test
  void aPageMovesTheCursorAndAddsToItsCount() {
    changes(M.publishedUpTo("next", 3, NOW), "updatedAt,cursor,published", NOW, "next", 8L);
    changes(M.verifiedUpTo("next", 3, NOW), "updatedAt,cursor,missing", NOW, "next", 5L);
  }

  @Test
  void aNewPassVerifiesFromTheFirstImage() {
    changes(M.newPass(NOW), "updatedAt,state,cursor,missing", NOW, State.VERIFYING, null, 0L);
  }

  @Test
  void progressChangesTheCounts() {
    changes(M.progress(7, 11, 2.5, NOW), "updatedAt,done,total,ratePerSecond", NOW, 7L, 11L, 2.5);
  }

  private static void changes(Migration changed, String fields, Object... values) {
    String[] names = fields.split(",");
    assertThat(changed).usingRecursiveComparison().ignoringFields(names).isEqualTo(M);
    assertThat(changed).extracting(names).containsExactly(values);
  }
}
