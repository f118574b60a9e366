package dev.imagesearch.ingestservice.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param consumerGroup the embed-workers' consumer group, whose lag is the pending work
 * @param timeout how long Kafka may take to answer; the web page polls this, so it stays short
 */
@Validated
@ConfigurationProperties("imagesearch.pipeline")
record PipelineProperties(
    @DefaultValue("embed-worker") @NotBlank String consumerGroup,
    @DefaultValue("2s") @NotNull Duration timeout) {}
