package dev.imagesearch.index;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiKey for clusters with security on; empty for the local stack
 * @param replicas of the image index when this service creates it; 0 fits a single node
 * @param shards primary shards of the image index when this service creates it: fixed for the life
 *     of an index version, so size it for the collection (docs/scaling.md)
 */
@Validated
@ConfigurationProperties("imagesearch.elasticsearch")
public record IndexProperties(
    @DefaultValue("http://127.0.0.1:9200") @NotNull URI url,
    String apiKey,
    @DefaultValue("0") @Min(0) int replicas,
    @DefaultValue("1") @Min(1) int shards) {}
