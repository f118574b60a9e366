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
public record SearchResponse(
    List<Hit> hits,
    boolean allWeak,
    String nextPageToken,
    String model,
    String metric,
    String mode,
    double weakMatchFloor) {

  static SearchResponse of(
      List<Hit> hits, String next, VectorModel model, Metric metric, String mode, double floor) {
    boolean allWeak = !hits.isEmpty() && hits.stream().allMatch(Hit::weakMatch);
    return new SearchResponse(hits, allWeak, next, model.field(), metric.label(), mode, floor);
  }
}
