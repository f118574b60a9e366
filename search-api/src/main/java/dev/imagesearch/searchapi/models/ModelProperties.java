package dev.imagesearch.searchapi.models;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * search-api's own models, beside the image models every service reads ({@code
 * imagesearch.models.vgg16} and {@code .clip}: {@code ModelLocations} in the embedding library).
 * The index version that serves queries must have been made with those or the previous ones; the
 * service checks that at start.
 *
 * @param multilingual the multilingual text encoder into CLIP's space (text queries only; the index
 *     does not depend on it)
 * @param previous the models of the index version that serves while a migration to the configured
 *     models runs, or null (decision 0027)
 */
@Validated
@ConfigurationProperties("imagesearch.models")
public record ModelProperties(
    @DefaultValue("models/standin/multilingual") @NotBlank String multilingual, Previous previous) {

  /** {@code imagesearch.models.previous.vgg16} and {@code .clip}: both, or neither. */
  public record Previous(String vgg16, String clip) {
    public Previous {
      if (blank(vgg16) != blank(clip)) {
        throw new IllegalArgumentException(
            "Set both imagesearch.models.previous.vgg16 and imagesearch.models.previous.clip (the"
                + " models of the index version that serves during a migration), or neither.");
      }
    }

    boolean configured() {
      return !blank(vgg16);
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }
  }
}
