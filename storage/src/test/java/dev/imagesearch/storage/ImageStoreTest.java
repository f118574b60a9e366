package dev.imagesearch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Exception;

@WithRealServers
class ImageStoreTest {
  static S3AsyncClient s3;
  static ImageStore store;

  @BeforeAll
  static void connect() {
    var properties =
        new S3Properties(
            URI.create(RealServers.s3().endpoint()),
            S3Store.REGION,
            "store-test",
            S3Store.ACCESS_KEY,
            S3Store.SECRET_KEY,
            true,
            true,
            Duration.ofSeconds(5),
            Duration.ofSeconds(12));
    var configuration = new StorageConfiguration();
    s3 = configuration.s3AsyncClient(properties);
    store = configuration.imageStore(s3, properties);
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void keepsTheOriginalWithItsContentTypeAndNonAsciiMetadata() {
    byte[] bytes = "pixels".getBytes(StandardCharsets.UTF_8);
    String id = sha256(bytes);

    store.putOriginal(id, bytes, "image/png", Map.of("filename", "fleur rouge é 花.png")).block();

    assertThat(store.getOriginal(id).block()).isEqualTo(bytes);
    var head = s3.headObject(b -> b.bucket("store-test").key(ImageStore.originalKey(id))).join();
    assertThat(head.contentType()).isEqualTo("image/png");
    assertThat(ImageStore.decodeMetadata(head.metadata()))
        .containsEntry("filename", "fleur rouge é 花.png");
  }

  @Test
  void describesAnOriginalWithoutReadingItsBytes() {
    byte[] bytes = "described".getBytes(StandardCharsets.UTF_8);
    String id = sha256(bytes);
    store.putOriginal(id, bytes, "image/webp", Map.of("caption", "été")).block();

    StoredOriginal original = store.describeOriginal(id).block();

    assertThat(original.contentType()).isEqualTo("image/webp");
    assertThat(original.sizeBytes()).isEqualTo(bytes.length);
    assertThat(original.metadata()).containsEntry("caption", "été");
    assertThat(original.lastModified()).isBefore(java.time.Instant.now().plusSeconds(5));
    assertThat(store.describeOriginal("f".repeat(64)).blockOptional()).isEmpty();
  }

  @Test
  void refusesAnOriginalWhoseBytesDoNotMatchItsId() {
    String id = sha256(new byte[] {1});

    assertThatThrownBy(() -> store.putOriginal(id, new byte[] {2}, "image/png", Map.of()).block())
        .isInstanceOf(S3Exception.class);
    assertThat(store.originalExists(id).block()).isFalse();
  }

  @Test
  void storesAnOriginalIfAbsentOnlyOnce() {
    byte[] bytes = "only once".getBytes(StandardCharsets.UTF_8);
    String id = sha256(bytes);

    assertThat(store.putOriginalIfAbsent(id, bytes, "image/png", Map.of("n", "1")).block())
        .isTrue();
    assertThat(store.putOriginalIfAbsent(id, bytes, "image/png", Map.of("n", "2")).block())
        .isFalse();

    var head = s3.headObject(b -> b.bucket("store-test").key(ImageStore.originalKey(id))).join();
    assertThat(head.metadata()).containsEntry("n", "1");
  }

  @Test
  void remembersThatAnUploadWasPublished() {
    String id = "b".repeat(64);
    assertThat(store.isPublished(id).block()).isFalse();

    store.markPublished(id).block();

    assertThat(store.isPublished(id).block()).isTrue();
  }

  @Test
  void deletesEverythingOfAnImageAndToleratesWhatIsMissing() {
    String id = sha256(new byte[] {1});
    store.putOriginal(id, new byte[] {1}, "image/jpeg", Map.of()).block();
    store.markPublished(id).block();

    store.deleteAll(id).block();

    assertThat(store.originalExists(id).block()).isFalse();
    assertThat(store.isPublished(id).block()).isFalse();
    store.deleteAll(id).block(); // again: nothing left, still fine
  }

  @Test
  void keepsTheThumbnailAsJpegUnderItsDerivedKey() {
    String id = "d".repeat(64);
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    store.putThumbnail(id, jpeg).block();

    var stored =
        s3.getObject(
                b -> b.bucket("store-test").key(ImageStore.thumbnailKey(id)),
                software.amazon.awssdk.core.async.AsyncResponseTransformer.toBytes())
            .join();
    assertThat(stored.asByteArray()).isEqualTo(jpeg);
    assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void tellsAMissingOriginalFromOtherErrors() {
    Throwable missing =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> store.getOriginal("e".repeat(64)).block());

    assertThat(ImageStore.isMissingObject(missing)).isTrue();
    assertThat(ImageStore.isMissingObject(new java.io.IOException("connection refused"))).isFalse();
  }

  @Test
  void creatingTheBucketTwiceIsHarmless() {
    var properties =
        new S3Properties(
            URI.create(RealServers.s3().endpoint()),
            S3Store.REGION,
            "store-test",
            S3Store.ACCESS_KEY,
            S3Store.SECRET_KEY,
            true,
            true,
            Duration.ofSeconds(5),
            Duration.ofSeconds(12));

    ImageStore again = new StorageConfiguration().imageStore(s3, properties);

    assertThat(again.originalExists("d".repeat(64)).block()).isFalse();
  }
}
