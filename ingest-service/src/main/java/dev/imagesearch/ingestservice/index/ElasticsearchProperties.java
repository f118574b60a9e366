package dev.imagesearch.ingestservice.index;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiKey optional; for clusters with security on
 */
@Validated
@ConfigurationProperties("imagesearch.elasticsearch")
record ElasticsearchProperties(
    @DefaultValue("http://127.0.0.1:9200") @NotNull URI url, String apiKey) {}
