package dev.imagesearch.searchapi.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.searchapi.search.ImageHit;
import java.time.Instant;
import java.util.List;

/**
 * One page of a listing: images with the fields of a search hit but no score.
 *
 * @param nextPageToken send it as {@code pageToken} with the same parameters; absent on the last
 *     page
 * @param sort {@code uploaded} or {@code taken}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BrowsePage(List<Listed> hits, String nextPageToken, String sort) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Listed(
      String id,
      String thumbnailUrl,
      String originalUrl,
      @JsonUnwrapped ImageFacts facts,
      Instant takenAt,
      String duplicateOf) {

    static Listed of(String id, ImageDocument d) {
      return new Listed(
          id,
          ImageHit.thumbnailUrl(id),
          ImageHit.originalUrl(id),
          d.facts(),
          d.takenAt(),
          d.duplicateOf());
    }
  }
}
