package dev.imagesearch.searchapi.models;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * search-api's own models, beside the image models every service reads ({@code
 * imagesearch.models.vgg16} and {@code .clip}: {@code ModelLocations} in the embedding library).
 *
 * @param multilingual the multilingual text encoder into CLIP's space (text queries only; the index
 *     does not depend on it)
 */
@Validated
@ConfigurationProperties("imagesearch.models")
public record ModelProperties(
    @DefaultValue("models/standin/multilingual") @NotBlank String multilingual) {}
