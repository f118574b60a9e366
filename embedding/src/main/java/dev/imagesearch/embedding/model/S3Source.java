package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** {@code s3://bucket/prefix}: objects {@code prefix/model.json} and the files it lists. */
final class S3Source implements RemoteSource {
  private final S3Client client;
  private final String bucket;
  private final String prefix;

  S3Source(URI location, ModelRepository.Settings settings) {
    this.bucket = location.getHost();
    String path = location.getPath() == null ? "" : location.getPath();
    path = path.startsWith("/") ? path.substring(1) : path;
    this.prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
    S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.s3Region()));
    if (settings.s3Endpoint() != null) {
      builder.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
    }
    this.client = builder.build();
  }

  private GetObjectRequest request(String name) {
    return GetObjectRequest.builder().bucket(bucket).key(prefix + name).build();
  }

  @Override
  public byte[] read(String name) throws IOException {
    try {
      return client.getObjectAsBytes(request(name)).asByteArray();
    } catch (SdkException e) {
      throw new IOException("cannot read s3://" + bucket + "/" + prefix + name + ": " + e, e);
    }
  }

  @Override
  public void download(String name, Path target) throws IOException {
    // The caller hands over a temp file it already created; the SDK's toFile refuses existing
    // files.
    try (var in = client.getObject(request(name))) {
      java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (SdkException e) {
      throw new IOException("cannot download s3://" + bucket + "/" + prefix + name + ": " + e, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
