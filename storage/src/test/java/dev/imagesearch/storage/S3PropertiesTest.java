package dev.imagesearch.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {
  @Test
  void refusesATimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> timeouts(Duration.ZERO, Duration.ofSeconds(10)))
        .hasMessageContaining("imagesearch.s3.attempt-timeout must be positive");
  }

  @Test
  void refusesACallTimeoutShorterThanOneAttempt() {
    assertThatThrownBy(() -> timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)))
        .hasMessageContaining("imagesearch.s3.call-timeout (PT5S) must be at least")
        .hasMessageContaining("imagesearch.s3.attempt-timeout (PT10S)");
  }

  private static S3Properties timeouts(Duration attempt, Duration call) {
    return new S3Properties(null, "us-east-1", "b", null, null, true, false, attempt, call);
  }
}
