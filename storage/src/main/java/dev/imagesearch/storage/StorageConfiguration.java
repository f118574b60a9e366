package dev.imagesearch.storage;

import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Import this into a service to get the {@link ImageStore}, configured by {@link S3Properties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
public class StorageConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

  @Bean(destroyMethod = "close")
  S3AsyncClient s3AsyncClient(S3Properties properties) {
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .region(Region.of(properties.region()))
            .forcePathStyle(properties.pathStyle())
            // Checksums only where S3 requires them: originals carry their own SHA-256 (their id),
            // and computing CRC32s of every body on both sides cost CPU that uploads need.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // Bounded waits: a frozen store must cost a request seconds and a 503, not a hung
            // upload. Every service shares these; the worker retries its batch after a timeout.
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(properties.attemptTimeout())
                    .apiCallTimeout(properties.callTimeout())
                    .build())
            .credentialsProvider(
                properties.hasStaticCredentials()
                    ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                    : DefaultCredentialsProvider.builder().build());
    if (properties.endpoint() != null) {
      builder.endpointOverride(properties.endpoint());
    }
    return builder.build();
  }

  @Bean
  ImageStore imageStore(S3AsyncClient s3, S3Properties properties) {
    if (properties.createBucket()) {
      createBucketIfMissing(s3, properties.bucket());
    }
    return new ImageStore(s3, properties.bucket());
  }

  private static void createBucketIfMissing(S3AsyncClient s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket)).join();
    } catch (CompletionException missing) {
      if (!(missing.getCause() instanceof NoSuchBucketException)
          && !missing.getCause().getMessage().contains("404")) {
        log.warn(
            "Could not check bucket {} (will try to create it): {}",
            bucket,
            missing.getCause().toString());
      }
      try {
        s3.createBucket(b -> b.bucket(bucket)).join();
        log.info("Created bucket {}", bucket);
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException)) {
          throw e;
        }
      }
    }
  }
}
