package dev.imagesearch.searchapi.images;

import dev.imagesearch.storage.S3Properties;
import java.net.URI;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Short-lived GET URLs for {@code imagesearch.images.delivery=redirect}. Signing is local (no call
 * to S3), with the same endpoint, region and credentials as the storage client.
 */
@Component
class Presigned implements DisposableBean {
  private final S3Presigner presigner;
  private final String bucket;
  private final ImagesProperties properties;

  Presigned(S3Properties s3, ImagesProperties properties) {
    this.properties = properties;
    this.bucket = s3.bucket();
    AwsCredentialsProvider credentials =
        s3.accessKey() != null && !s3.accessKey().isBlank()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
            : DefaultCredentialsProvider.builder().build();
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
    if (s3.endpoint() != null) {
      builder.endpointOverride(s3.endpoint());
    }
    this.presigner = builder.build();
  }

  boolean enabled() {
    return properties.delivery() == ImagesProperties.Delivery.REDIRECT;
  }

  /**
   * A URL valid for {@code presigned-ttl}; the key comes from {@code ImageStore}, never a client.
   */
  URI url(String key) {
    var request =
        presigner.presignGetObject(
            p ->
                p.signatureDuration(properties.presignedTtl())
                    .getObjectRequest(g -> g.bucket(bucket).key(key)));
    return URI.create(request.url().toString());
  }

  long ttlSeconds() {
    return properties.presignedTtl().toSeconds();
  }

  @Override
  public void destroy() {
    presigner.close();
  }
}
