package dev.imagesearch.searchapi.models;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounded pool that runs decoding and inference off the event loop.
 *
 * @param threads workers; 0 = one per available processor
 * @param queue requests that may wait for a worker; beyond that the API answers 503
 * @param timeout how long one request may wait and run before it is answered with 503
 */
@Validated
@ConfigurationProperties("imagesearch.inference")
public record InferenceProperties(
    @DefaultValue("0") @Min(0) @Max(256) int threads,
    @DefaultValue("16") @Min(0) @Max(10_000) int queue,
    @DefaultValue("15s") @NotNull Duration timeout) {

  int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
