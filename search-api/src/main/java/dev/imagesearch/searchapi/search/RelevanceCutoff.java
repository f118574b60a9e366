package dev.imagesearch.searchapi.search;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.Arrays;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The adaptive relevance cutoff of one query, from the cosines of its own candidates (its whole
 * window, so every page of a query gets the same cutoff). A flat floor cannot fit every query: a
 * precise query has a few close images and then a drop, a vague one a smooth slope. The cutoff is
 * the largest gap in the sorted cosines: the hits above it are strong, the rest weak (decision
 * 0017). The model's floor ({@code weak-match.*}) stays a lower bound: a gap below it is never
 * used, and with no clear gap the cutoff is the floor.
 *
 * @param minGapShare a gap counts only when it is at least this share of the candidates' cosine
 *     range: a smooth slope has small gaps everywhere and keeps the floor
 * @param minCandidates with fewer candidates (a narrow filter) the gaps say nothing; keep the floor
 * @param minStrong the cutoff never leaves fewer strong hits than this (unless the floor does): one
 *     exact duplicate at the top should not turn its near neighbours weak
 */
public record RelevanceCutoff(
    @DefaultValue("0.15") @DecimalMin("0.0") @DecimalMax("1.0") double minGapShare,
    @DefaultValue("8") @Min(2) int minCandidates,
    @DefaultValue("3") @Min(1) int minStrong) {

  /**
   * @param cosines the candidates' cosines, in any order; NaN (no vector score) is left out
   * @return the lowest strong cosine: a hit is weak when its cosine is below it
   */
  double of(double[] cosines, double floor) {
    double[] s = Arrays.stream(cosines).filter(c -> !Double.isNaN(c)).sorted().toArray();
    int n = s.length;
    if (n < minCandidates) {
      return floor;
    }
    // s is ascending; walk it from the top: hi is the lowest strong hit if the gap below it wins.
    double range = s[n - 1] - s[0];
    double bestGap = 0;
    double cutoff = floor;
    for (int hi = n - minStrong; hi > 0 && s[hi] >= floor; hi--) {
      double gap = s[hi] - s[hi - 1];
      if (gap > bestGap) {
        bestGap = gap;
        cutoff = s[hi];
      }
    }
    return bestGap > 0 && bestGap >= minGapShare * range ? cutoff : floor;
  }
}
