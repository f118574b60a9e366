package dev.imagesearch.searchapi.search;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Query limits and ranking knobs.
 *
 * @param defaultK hits per page when {@code k} is not given
 * @param maxK the largest {@code k}
 * @param maxQueryLength longer {@code q} or {@code negative} texts are refused (400)
 * @param pages a query ranks {@code k * pages} hits (at most {@code maxResults}); pages slice them
 * @param maxResults the most hits one query ranks
 * @param oversample {@code rescore_vector} oversampling: candidates re-scored on full-precision
 *     vectors per hit kept (the index stores int8-quantised copies for the graph)
 * @param minCandidates lower bound of kNN {@code num_candidates}
 * @param rrfRankConstant the {@code k} of reciprocal rank fusion (60 in the original paper)
 * @param weakMatch cosine below which a hit is marked {@code weakMatch}, per model
 * @param cutoff the adaptive relevance cutoff per query, above the weak-match floor
 * @param maxImageSize larger query images are refused (413)
 * @param maxPixels query images with more pixels are refused (422), read from the header; the limit
 *     is inclusive
 * @param decodeBudget the fraction of the heap that query images being decoded may hold together;
 *     one whose cost (from its header) exceeds all of it is refused (422)
 * @param decodeWait how long a query image waits for its share of the decode budget before the
 *     answer is 503 with Retry-After; shorter than the inference timeout
 */
@Validated
@ConfigurationProperties("imagesearch.search")
public record SearchProperties(
    @DefaultValue("24") @Min(1) int defaultK,
    @DefaultValue("200") @Min(1) @Max(1000) int maxK,
    @DefaultValue("1000") @Min(1) int maxQueryLength,
    @DefaultValue("10") @Min(1) int pages,
    @DefaultValue("1000") @Min(1) @Max(10_000) int maxResults,
    @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0") double oversample,
    @DefaultValue("100") @Min(1) @Max(10_000) int minCandidates,
    @DefaultValue("60") @Min(1) int rrfRankConstant,
    @DefaultValue @NotNull WeakMatch weakMatch,
    @DefaultValue @NotNull @Valid RelevanceCutoff cutoff,
    @DefaultValue("25MB") @NotNull DataSize maxImageSize,
    @DefaultValue("64000000") @Min(1) long maxPixels,
    @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("0.9") double decodeBudget,
    @DefaultValue("5s") @NotNull Duration decodeWait) {

  /**
   * Starting points, to be tuned on real models and data.
   *
   * @param vgg16 VGG16 pool5 vectors are non-negative (ReLU), so even unrelated images have a
   *     positive cosine; the floor sits well above 0
   * @param clip CLIP text-to-image cosines are small even for good matches
   */
  public record WeakMatch(
      @DefaultValue("0.5") @DecimalMin("-1.0") @DecimalMax("1.0") double vgg16,
      @DefaultValue("0.22") @DecimalMin("-1.0") @DecimalMax("1.0") double clip) {

    double floor(VectorModel model) {
      return model == VectorModel.VGG16 ? vgg16 : clip;
    }
  }

  /** How many hits a query whose pages hold {@code k} ranks in all. */
  int window(int k) {
    return Math.max(k, Math.min(maxResults, k * pages));
  }
}
