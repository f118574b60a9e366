package dev.imagesearch.ingestservice.events;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The images topic, created at start when absent.
 *
 * @param partitions bounds how many embed-workers can share the load
 */
@Validated
@ConfigurationProperties("imagesearch.events")
public record EventProperties(
    @DefaultValue("12") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicas) {}
