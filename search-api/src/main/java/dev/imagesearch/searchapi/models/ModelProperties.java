package dev.imagesearch.searchapi.models;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the models come from: a local directory, {@code s3://bucket/prefix} or {@code https://}.
 * They must be the models whose vectors the index holds; the service checks that at start.
 *
 * @param vgg16 the VGG16 model; relative paths are resolved from the working directory
 * @param clip the CLIP model
 * @param multilingual the multilingual text encoder into CLIP's space (text queries only; the index
 *     does not depend on it)
 */
@Validated
@ConfigurationProperties("imagesearch.models")
public record ModelProperties(
    @DefaultValue("models/standin/vgg16") @NotBlank String vgg16,
    @DefaultValue("models/standin/clip") @NotBlank String clip,
    @DefaultValue("models/standin/multilingual") @NotBlank String multilingual) {}
