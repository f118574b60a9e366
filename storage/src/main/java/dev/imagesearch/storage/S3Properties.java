package dev.imagesearch.storage;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where images are stored. Defaults fit {@code ./imagesearch up}; on AWS leave {@code endpoint} and
 * the keys empty to use the default endpoint and credential chain.
 *
 * @param endpoint an S3-compatible endpoint (S3Proxy, MinIO); empty for AWS
 * @param createBucket create the bucket at start when it is missing (local stacks)
 * @param attemptTimeout the most one HTTP attempt may take, body included; a frozen store is given
 *     up on after this and the SDK tries again
 * @param callTimeout the most one S3 call may take, retries included: what an upload waits at worst
 *     before it answers 503
 */
@Validated
@ConfigurationProperties("imagesearch.s3")
public record S3Properties(
    URI endpoint,
    @DefaultValue("us-east-1") @NotBlank String region,
    @DefaultValue("imagesearch") @NotBlank String bucket,
    String accessKey,
    String secretKey,
    @DefaultValue("true") boolean pathStyle,
    @DefaultValue("false") boolean createBucket,
    @DefaultValue("5s") Duration attemptTimeout,
    @DefaultValue("12s") Duration callTimeout) {

  public S3Properties {
    if ((accessKey == null || accessKey.isBlank()) != (secretKey == null || secretKey.isBlank())) {
      throw new IllegalArgumentException(
          "imagesearch.s3.access-key and imagesearch.s3.secret-key go together: set both, or"
              + " neither to use the AWS default credential chain.");
    }
    if (attemptTimeout == null || !attemptTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "imagesearch.s3.attempt-timeout must be positive (for example 5s), not "
              + attemptTimeout
              + ".");
    }
    if (callTimeout == null || callTimeout.compareTo(attemptTimeout) < 0) {
      throw new IllegalArgumentException(
          "imagesearch.s3.call-timeout ("
              + callTimeout
              + ") must be at least imagesearch.s3.attempt-timeout ("
              + attemptTimeout
              + "): a call is one or more attempts.");
    }
  }

  boolean hasStaticCredentials() {
    return accessKey != null && !accessKey.isBlank();
  }
}
