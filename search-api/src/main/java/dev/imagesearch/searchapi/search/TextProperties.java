package dev.imagesearch.searchapi.search;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How text queries are encoded.
 *
 * @param model the text model of queries that name none: {@code auto} (English to CLIP's text
 *     tower, any other language to the multilingual encoder), {@code clip} or {@code multilingual}
 */
@Validated
@ConfigurationProperties("imagesearch.text")
public record TextProperties(@DefaultValue("auto") @NotNull TextModel model) {}
