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
 * @param weakMatchFloor the model's fixed floor, the lowest the relevance cutoff can be
 * @param relevanceCutoff the cosine below which a hit is weak, for this query ({@link
 *     RelevanceCutoff})
 * @param sort {@code relevance}, {@code taken} or {@code uploaded}
 * @param textModel the encoder of the query's texts, {@code clip} or {@code multilingual}; absent
 *     for an image alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultPage(
    List<ImageHit> hits,
    boolean allWeak,
    String nextPageToken,
    String model,
    String metric,
    String mode,
    double weakMatchFloor,
    double relevanceCutoff,
    String sort,
    String textModel) {

  static ResultPage of(
      List<ImageHit> hits,
      String next,
      VectorModel model,
      Metric metric,
      String mode,
      double floor,
      double cutoff,
      Sort sort) {
    boolean allWeak = !hits.isEmpty() && hits.stream().allMatch(ImageHit::weakMatch);
    return new ResultPage(
        hits,
        allWeak,
        next,
        model.field(),
        metric.label(),
        mode,
        floor,
        cutoff,
        sort.label(),
        null);
  }

  /** This page, saying which text model ranked it. */
  ResultPage withTextModel(TextModel model) {
    return new ResultPage(
        hits,
        allWeak,
        nextPageToken,
        this.model,
        metric,
        mode,
        weakMatchFloor,
        relevanceCutoff,
        sort,
        model == null ? null : model.label());
  }
}
