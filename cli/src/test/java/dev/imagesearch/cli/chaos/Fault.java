package dev.imagesearch.cli.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One thing that goes wrong during an import: a SIGKILL, a stop (SIGTERM, then started again by
 * {@code imagesearch up} after {@code hold}), or a freeze (SIGSTOP, SIGCONT after {@code hold}).
 */
record Fault(Action action, String component, Duration hold) {
  enum Action {
    KILL,
    STOP,
    FREEZE
  }

  static Fault kill(String component) {
    return new Fault(Action.KILL, component, Duration.ZERO);
  }

  /** Every server stopped and frozen once, for {@code hold} each. */
  static List<Fault> everyServer(Duration hold) {
    return List.of("elasticsearch", "kafka", "s3").stream()
        .flatMap(
            c ->
                List.of(new Fault(Action.STOP, c, hold), new Fault(Action.FREEZE, c, hold))
                    .stream())
        .toList();
  }

  @Override
  public String toString() {
    return action.name().toLowerCase()
        + " "
        + component
        + (hold.isZero() ? "" : " for " + hold.toSeconds() + " s");
  }
}
