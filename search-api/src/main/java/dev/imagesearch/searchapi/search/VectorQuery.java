package dev.imagesearch.searchapi.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A query vector with everything that shapes its ranking.
 *
 * @param index the concrete index version whose models made {@code vector} ({@code ServingIndex});
 *     every call of the query reads it, never the alias
 * @param description what the query was made from (texts, image hashes, weights), for the page
 *     token's fingerprint
 * @param excludeId an image to leave out (similar-by-id leaves out itself), or null
 * @param sort relevance, or a date within the relevant set
 */
public record VectorQuery(
    String index,
    VectorModel model,
    float[] vector,
    Metric metric,
    int k,
    Filters filters,
    String pageToken,
    String description,
    String excludeId,
    Sort sort) {

  /** Two requests with the same fingerprint get the same ranking, so their pages line up. */
  String fingerprint(String mode) {
    String canonical =
        String.join(
            "|",
            mode,
            model.name(),
            metric.name(),
            Integer.toString(k),
            filters.toString(),
            description,
            String.valueOf(excludeId),
            sort.name());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
