package dev.imagesearch.ingestservice.reconcile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcilerPropertiesTest {
  @Test
  void refusesANonPositiveGracePeriodOrIntervalAndSaysHowToTurnItOff() {
    assertThatThrownBy(() -> new ReconcilerProperties(true, Duration.ZERO, Duration.ofMinutes(1)))
        .hasMessageContaining("imagesearch.reconciler.grace-period must be a positive duration")
        .hasMessageContaining("imagesearch.reconciler.enabled=false");
    assertThatThrownBy(
            () -> new ReconcilerProperties(true, Duration.ofMinutes(1), Duration.ofSeconds(-1)))
        .hasMessageContaining("imagesearch.reconciler.interval must be a positive duration");
  }
}
