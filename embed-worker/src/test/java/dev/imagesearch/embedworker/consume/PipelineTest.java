package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.embedworker.exif.ExifJpeg;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

class PipelineTest extends WorkerTestBase {
  @Autowired EmbeddingModels models;
  @Autowired S3AsyncClient s3;

  @Test
  void indexesEveryImageWithTheLibrarysVectorsAndAThumbnail() throws Exception {
    String collection = "pipeline-" + UUID.randomUUID();
    List<byte[]> images = new ArrayList<>();
    IntStream.range(0, 9).forEach(i -> images.add(TestImages.jpeg(100 + i)));
    images.add(
        ExifJpeg.withExif(
            TestImages.jpeg(TestImages.picture(200, 1280, 720), 0.9f),
            "Canon",
            "Canon EOS 5D",
            "2024:06:01 12:34:56",
            48.8584,
            2.2945));
    List<ImageUploaded> events = images.stream().map(b -> upload(b, collection)).toList();

    await().atMost(Duration.ofSeconds(120)).until(() -> count(collection) == images.size());

    ImageDecoder decoder = new ImageDecoder();
    for (int i = 0; i < images.size(); i++) {
      String id = events.get(i).imageId();
      ImageDocument doc = document(id).orElseThrow();
      RgbImage rgb = decoder.decode(images.get(i));
      assertThat(doc.status()).isEqualTo("indexed");
      // The worker ran the image in a batch with others; libtorch then sums in another order, so
      // the last float bit may differ from this single-image run (seen: |diff| < 1e-8).
      assertThat(doc.vgg16()).containsExactly(models.vgg16().embedImage(rgb), within(1e-6f));
      assertThat(doc.clip()).containsExactly(models.clip().embedImage(rgb), within(1e-6f));
      assertThat(doc.vgg16Model()).isEqualTo(models.vgg16().descriptor().id());
      assertThat(doc.clipModel()).isEqualTo(models.clip().descriptor().id());
      assertThat(doc.facts().width()).isEqualTo(rgb.width());
      assertThat(doc.facts().filename()).isEqualTo(events.get(i).facts().filename());
      assertThat(doc.indexedAt()).isNotNull();
      BufferedImage thumbnail = thumbnail(id);
      assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight()))
          .isEqualTo(Math.min(320, Math.max(rgb.width(), rgb.height())));
    }
    ImageDocument withExif = document(events.getLast().imageId()).orElseThrow();
    assertThat(withExif.camera()).isEqualTo("Canon EOS 5D");
    assertThat(withExif.takenAt()).isEqualTo(Instant.parse("2024-06-01T12:34:56Z"));
    assertThat(withExif.location().lat()).isBetween(48.858, 48.859);

    // The same events again (a redelivery): documents are replaced, never added.
    Map<String, Instant> firstIndexed =
        events.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    ImageUploaded::imageId, e -> document(e.imageId()).orElseThrow().indexedAt()));
    events.forEach(WorkerTestBase::publish);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                events.stream()
                    .allMatch(
                        e ->
                            document(e.imageId())
                                .orElseThrow()
                                .indexedAt()
                                .isAfter(firstIndexed.get(e.imageId()))));
    assertThat(count(collection)).isEqualTo(images.size());
  }

  @Test
  void aDeleteEventRemovesTheDocumentAndRepeatingItIsHarmless() {
    String collection = "delete-" + UUID.randomUUID();
    ImageUploaded kept = upload(TestImages.jpeg(300), collection);
    ImageUploaded removed = upload(TestImages.jpeg(301), collection);
    awaitDocument(kept.imageId());
    awaitDocument(removed.imageId());

    ImageDeleted deleted =
        new ImageDeleted(
            ImageDeleted.SCHEMA_VERSION, UUID.randomUUID(), removed.imageId(), Instant.now());
    publish(deleted);
    publish(deleted);

    await().atMost(Duration.ofSeconds(60)).until(() -> document(removed.imageId()).isEmpty());
    // A later upload of another image proves both deletions were consumed without harm.
    ImageUploaded after = upload(TestImages.jpeg(302), collection);
    awaitDocument(after.imageId());
    assertThat(document(removed.imageId())).isEmpty();
    assertThat(count(collection)).isEqualTo(2);
  }

  @Test
  void anUploadFollowedByItsDeletionInOneBatchLeavesNothing() {
    String collection = "both-" + UUID.randomUUID();
    byte[] bytes = TestImages.jpeg(310);
    ImageUploaded event = upload(bytes, collection);
    publish(
        new ImageDeleted(
            ImageDeleted.SCHEMA_VERSION, UUID.randomUUID(), event.imageId(), Instant.now()));
    ImageUploaded marker = upload(TestImages.jpeg(311), collection);

    awaitDocument(marker.imageId());
    assertThat(document(event.imageId())).isEmpty();
  }

  /** Version-1 events may still wait in Kafka during an upgrade; their bucket and key are moot. */
  @Test
  void aVersionOneEventIsStillIndexed() {
    byte[] bytes = TestImages.jpeg(320);
    String id = sha256(bytes);
    store.putOriginal(id, bytes, "image/jpeg", Map.of()).block();
    String v1 =
        """
        {"type":"ImageUploaded","schemaVersion":1,"eventId":"%s","imageId":"%s",
         "bucket":"an-old-bucket","key":"old/%s","contentType":"image/jpeg","sizeBytes":%d,
         "width":0,"height":0,"filename":"v1.jpg","collection":"v1-%s","tags":["old"],
         "caption":null,"uploadedAt":"2026-11-23T10:15:30Z"}
        """
            .formatted(UUID.randomUUID(), id, id, bytes.length, UUID.randomUUID());

    publishRaw(id, v1.getBytes(StandardCharsets.UTF_8));

    ImageDocument doc = awaitDocument(id);
    assertThat(doc.status()).isEqualTo("indexed");
    assertThat(doc.facts().filename()).isEqualTo("v1.jpg");
    assertThat(doc.facts().tags()).containsExactly("old");
    assertThat(doc.facts().uploadedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
  }

  private BufferedImage thumbnail(String id) throws Exception {
    byte[] jpeg =
        s3.getObject(
                b ->
                    b.bucket(store.bucket())
                        .key(dev.imagesearch.storage.ImageStore.thumbnailKey(id)),
                AsyncResponseTransformer.toBytes())
            .join()
            .asByteArray();
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }
}
