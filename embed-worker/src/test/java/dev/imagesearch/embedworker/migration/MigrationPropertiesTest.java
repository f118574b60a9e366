package dev.imagesearch.embedworker.migration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationPropertiesTest {
  static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void aTombstoneMarginShorterThanTwoLeasesIsRefusedWithWhatToSet() {
    assertThatThrownBy(() -> properties(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imagesearch.worker.migration.tombstone-margin (PT59S)")
        .hasMessageContaining("twice the lease (PT30S)");
    assertThatCode(() -> properties(Duration.ofMinutes(1))).doesNotThrowAnyException();
  }

  private static MigrationProperties properties(Duration margin) {
    return new MigrationProperties(
        1000, LEASE, Duration.ofSeconds(2), margin, Duration.ofMinutes(10));
  }
}
