package dev.imagesearch.searchapi.images;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How image bytes reach the browser.
 *
 * @param delivery {@code stream}: through this service, with ETag and cache headers; {@code
 *     redirect}: a 307 to a short-lived presigned S3 URL, so the bytes bypass this service (the
 *     bucket must then be reachable from browsers)
 * @param presignedTtl how long a presigned URL stays valid
 */
@Validated
@ConfigurationProperties("imagesearch.images")
public record ImagesProperties(
    @DefaultValue("stream") @NotNull Delivery delivery,
    @DefaultValue("5m") @NotNull Duration presignedTtl) {

  public enum Delivery {
    STREAM,
    REDIRECT
  }
}
