package dev.imagesearch.searchapi.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of results.
 *
 * @param allWeak every hit is a weak match: say "no good match" rather than pretend
 * @param nextPageToken send it as {@code pageToken} with the same parameters; absent on the last
 *     page
 * @param mode {@code semantic} or {@code hybrid}
 * @param weakMatchFloor the cosine below which a hit is weak, for this model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultPage(
    List<ImageHit> hits,
    boolean allWeak,
    String nextPageToken,
    String model,
    String metric,
    String mode,
    double weakMatchFloor) {

  static ResultPage of(
      List<ImageHit> hits,
      String next,
      VectorModel model,
      Metric metric,
      String mode,
      double floor) {
    boolean allWeak = !hits.isEmpty() && hits.stream().allMatch(ImageHit::weakMatch);
    return new ResultPage(hits, allWeak, next, model.field(), metric.label(), mode, floor);
  }
}
