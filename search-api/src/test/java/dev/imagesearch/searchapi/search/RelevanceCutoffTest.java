package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** Synthetic score distributions whose right cutoff is known by construction. */
class RelevanceCutoffTest {
  private static final RelevanceCutoff CUTOFF = new RelevanceCutoff(0.15, 8, 3);
  private static final double FLOOR = 0.2;

  /** {@code count} evenly spaced cosines from {@code top} down by {@code step}. */
  private static double[] slope(double top, double step, int count) {
    return DoubleStream.iterate(top, c -> c - step).limit(count).toArray();
  }

  private static double[] join(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
  }

  @Test
  void twoClustersAreSplitAtTheGapBetweenThem() {
    double[] close = slope(0.34, 0.002, 6); // 0.34 .. 0.33
    double[] rest = slope(0.27, 0.001, 100); // 0.27 .. 0.171

    assertThat(CUTOFF.of(join(rest, close), FLOOR)).isEqualTo(close[5]);
  }

  @Test
  void aSmoothSlopeHasNoClearGapAndKeepsTheFloor() {
    assertThat(CUTOFF.of(slope(0.35, 0.001, 200), FLOOR)).isEqualTo(FLOOR);
  }

  @Test
  void aGapBelowTheFloorIsNeverUsed() {
    double[] above = slope(0.30, 0.001, 50); // 0.30 .. 0.251, smooth
    double[] below = slope(0.15, 0.001, 50); // the big gap, 0.251 -> 0.15, is under the floor

    assertThat(CUTOFF.of(join(above, below), 0.26)).isEqualTo(0.26);
  }

  @Test
  void aGapThatStraddlesTheFloorRaisesTheCutoffToItsTop() {
    double[] above = slope(0.30, 0.001, 20); // 0.30 .. 0.281
    double[] below = slope(0.19, 0.001, 80);

    assertThat(CUTOFF.of(join(above, below), FLOOR)).isEqualTo(above[19]);
  }

  @Test
  void aSingleExactDuplicateAtTheTopDoesNotTurnItsNeighboursWeak() {
    double[] neighbours = slope(0.85, 0.005, 60); // 0.85 .. 0.555, smooth
    double[] withDuplicate = join(new double[] {1.0}, neighbours);

    assertThat(CUTOFF.of(withDuplicate, 0.5)).isEqualTo(0.5);
  }

  @Test
  void theCutoffKeepsAtLeastMinStrongHitsStrong() {
    double[] top = {0.95, 0.6, 0.59, 0.58};
    double[] rest = slope(0.4, 0.001, 50);

    // The largest gap (0.95 -> 0.6) would leave one strong hit; the next (0.58 -> 0.4) leaves four.
    assertThat(CUTOFF.of(join(top, rest), FLOOR)).isEqualTo(0.58);
  }

  @Test
  void tooFewCandidatesKeepTheFloor() {
    assertThat(CUTOFF.of(new double[] {0.9, 0.89, 0.88, 0.3, 0.29}, FLOOR)).isEqualTo(FLOOR);
  }

  @Test
  void missingScoresAreLeftOut() {
    double[] close = slope(0.34, 0.002, 6);
    double[] rest = slope(0.27, 0.001, 100);
    double[] withNaN = join(close, new double[] {Double.NaN, Double.NaN}, rest);

    assertThat(CUTOFF.of(withNaN, FLOOR)).isEqualTo(close[5]);
  }

  @Test
  void ofTwoGapsTheLargerWins() {
    double[] a = slope(0.50, 0.001, 5); // 0.50 .. 0.496
    double[] b = slope(0.45, 0.001, 5); // after a 0.046 gap
    double[] c = slope(0.35, 0.001, 50); // after a 0.096 gap

    assertThat(CUTOFF.of(join(a, b, c), FLOOR)).isEqualTo(b[4]);
  }
}
