package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** How Kubernetes workers get their models: from an S3 prefix, into a verified local cache. */
@WithRealServers
class S3ModelTest {
  static final Path STANDIN =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."), "models/standin/vgg16");

  @TempDir Path cache;

  @BeforeAll
  static void uploadStandIn() throws Exception {
    // The repository uses the SDK's default credential chain, as on a real cluster.
    System.setProperty("aws.accessKeyId", S3Store.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Store.SECRET_KEY);
    try (S3Client s3 = RealServers.s3Client(S3Client.builder()).build();
        Stream<Path> files = Files.list(STANDIN)) {
      s3.createBucket(b -> b.bucket("models"));
      for (Path file : files.toList()) {
        s3.putObject(
            b -> b.bucket("models").key("vgg16/" + file.getFileName()), RequestBody.fromFile(file));
      }
    }
  }

  @AfterAll
  static void forgetCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void downloadsTheVariantItRunsOnceVerifiesItAndLoadsItFromTheCache() throws Exception {
    ModelRepository repository = repository();

    LocalModel model = repository.resolve("s3://models/vgg16", Precision.FP32.resolve(false));

    assertThat(model.directory()).startsWith(cache);
    assertThat(Files.readAllBytes(model.file("model.pt")))
        .isEqualTo(Files.readAllBytes(STANDIN.resolve("model.pt")));
    assertThat(model.file("model-bf16.pt")).doesNotExist();
    assertThat(model.file("model-fp16.pt")).doesNotExist();
    assertThat(repository.resolve("s3://models/vgg16", Precision.FP32.resolve(false)).directory())
        .isEqualTo(model.directory());
  }

  @Test
  void aGpuAddsItsFp16VariantToTheCacheOfAnFp32Start() throws Exception {
    repository().resolve("s3://models/vgg16", Precision.FP32.resolve(false));

    LocalModel gpu = repository().resolve("s3://models/vgg16", Precision.AUTO.resolve(true));

    assertThat(Files.readAllBytes(gpu.file("model-fp16.pt")))
        .isEqualTo(Files.readAllBytes(STANDIN.resolve("model-fp16.pt")));
    assertThat(gpu.file("model.pt")).exists();
    assertThat(gpu.file("model-bf16.pt")).doesNotExist();
  }

  @Test
  void aMissingPrefixNamesTheObjectItCouldNotRead() {
    assertThatThrownBy(
            () -> repository().resolve("s3://models/no-such-model", Precision.FP32.resolve(false)))
        .hasMessageContaining("s3://models/no-such-model/model.json");
  }

  private ModelRepository repository() {
    return new ModelRepository(
        new ModelRepository.Settings(
            cache, URI.create(RealServers.s3().endpoint()), S3Store.REGION));
  }
}
