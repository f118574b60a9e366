package dev.imagesearch.searchapi.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.index.ImageDocument;
import java.time.Instant;

/**
 * One result. Every field but the hybrid-only ones is always in the JSON, {@code null} when the
 * image does not have it, so clients can rely on the keys.
 *
 * @param score for the query's metric: cosine similarity, or L2 / L1 distance
 * @param similarity 0..1 for display, 1 = identical (see {@link Metric#similarity})
 * @param weakMatch the cosine is below the query's relevance cutoff: probably not what was asked
 *     for
 * @param rrf the fused rank score, hybrid text queries only
 * @param lexicalMatch hybrid only: the words matched caption, tags or file name
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImageHit(
    String id,
    double score,
    double similarity,
    boolean weakMatch,
    String thumbnailUrl,
    String originalUrl,
    @JsonUnwrapped ImageFacts facts,
    Instant takenAt,
    String duplicateOf,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double rrf,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean lexicalMatch) {

  /** Where the image's bytes are served; ids only, never storage keys. */
  public static String thumbnailUrl(String id) {
    return "/api/images/" + id + "/thumbnail";
  }

  public static String originalUrl(String id) {
    return "/api/images/" + id + "/content";
  }

  static ImageHit of(ImageDocument d, Scored s, Metric metric, double cutoff) {
    return new ImageHit(
        s.id(),
        metric.score(s.cosine(), s.l1()),
        metric.similarity(s.cosine(), s.l1()),
        s.weak(cutoff),
        thumbnailUrl(s.id()),
        originalUrl(s.id()),
        d.facts(),
        d.takenAt(),
        d.duplicateOf(),
        s.rrf(),
        s.lexicalMatch());
  }
}
