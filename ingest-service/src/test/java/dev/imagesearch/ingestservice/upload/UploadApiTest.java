package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class UploadApiTest extends IngestApiTestBase {
  @Autowired ImageStore store;
  @Autowired S3AsyncClient s3;

  record Results(List<UploadResult> results) {}

  Results upload(MultipartBodyBuilder body) {
    return post(body)
        .expectStatus()
        .isAccepted()
        .expectBody(Results.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void storesAnImageOnceAndAnnouncesItOnceWithItsMetadata() {
    byte[] jpeg = TestImages.jpeg(64, 48);
    MultipartBodyBuilder body = files(Map.of("Été à Paris.jpg", jpeg));
    body.part("collection", "holidays");
    body.part("tags", " beach , sea,beach ");
    body.part("caption", "une fleur rouge");

    UploadResult result = upload(body).results().getFirst();

    String id = ImageId.of(jpeg).hex();
    assertThat(result).isEqualTo(UploadResult.accepted(id, "Été à Paris.jpg"));
    assertThat(store.getOriginal(id).block()).isEqualTo(jpeg);
    List<ImageEvent> events = EventLog.eventsFor(kafka(), id);
    assertThat(events).hasSize(1);
    ImageUploaded event = (ImageUploaded) events.getFirst();
    assertThat(event.schemaVersion()).isEqualTo(2);
    assertThat(event.facts().contentType()).isEqualTo("image/jpeg");
    assertThat(event.facts().sizeBytes()).isEqualTo(jpeg.length);
    assertThat(event.facts().width()).isEqualTo(64);
    assertThat(event.facts().height()).isEqualTo(48);
    assertThat(event.facts().filename()).isEqualTo("Été à Paris.jpg");
    assertThat(event.facts().collection()).isEqualTo("holidays");
    assertThat(event.facts().tags()).containsExactly("beach", "sea");
    assertThat(event.facts().caption()).isEqualTo("une fleur rouge");
    assertThat(event.facts().uploadedAt()).isNotNull();
    assertThat(event.eventId()).isNotNull();
    HeadObjectResponse stored =
        s3.headObject(b -> b.bucket("ingest-test").key(ImageStore.originalKey(id))).join();
    assertThat(stored.contentType()).isEqualTo("image/jpeg");
    assertThat(ImageStore.decodeMetadata(stored.metadata()))
        .containsEntry("filename", "Été à Paris.jpg")
        .containsEntry("width", "64")
        .containsEntry("height", "48")
        .containsEntry("collection", "holidays")
        .containsEntry("tags", "beach,sea")
        .containsEntry("caption", "une fleur rouge")
        .containsEntry("uploaded-at", event.facts().uploadedAt().toString());
  }

  @Test
  void theSameImageUploadedEightTimesAtOnceIsStoredAndAnnouncedOnce() throws Exception {
    byte[] jpeg = TestImages.jpeg(41, 43);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<UploadResult>> uploads = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        String name = i + ".jpg";
        uploads.add(
            clients.submit(
                () -> {
                  start.await();
                  return upload(files(Map.of(name, jpeg))).results().getFirst();
                }));
      }
      start.countDown();
    }
    List<UploadResult.Status> statuses = new ArrayList<>();
    for (Future<UploadResult> upload : uploads) {
      statuses.add(upload.get().status());
    }

    assertThat(statuses)
        .containsOnlyOnce(UploadResult.Status.accepted)
        .containsOnly(UploadResult.Status.accepted, UploadResult.Status.duplicate);
    assertThat(EventLog.eventsFor(kafka(), ImageId.of(jpeg).hex())).hasSize(1);
  }

  @Test
  void theSameBytesAgainAreADuplicateAndPublishNothing() {
    byte[] png = TestImages.png(20, 20);
    String id = ImageId.of(png).hex();
    upload(files(Map.of("a.png", png)));

    UploadResult again = upload(files(Map.of("renamed.png", png))).results().getFirst();

    assertThat(again.status()).isEqualTo(UploadResult.Status.duplicate);
    assertThat(again.id()).isEqualTo(id);
    assertThat(EventLog.eventsFor(kafka(), id)).hasSize(1);
  }

  @Test
  void aBatchWithABadFileStillTakesTheGoodOnes() {
    byte[] good1 = TestImages.jpeg(30, 30);
    byte[] good2 = TestImages.png(30, 30);
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("file", resource("one.jpg", good1));
    body.part("file", resource("notes.jpg", "just text".getBytes()));
    body.part("file", resource("two.png", good2));

    List<UploadResult> results = upload(body).results();

    assertThat(results)
        .extracting(UploadResult::filename, UploadResult::status, UploadResult::httpStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("one.jpg", UploadResult.Status.accepted, null),
            org.assertj.core.groups.Tuple.tuple("notes.jpg", UploadResult.Status.rejected, 415),
            org.assertj.core.groups.Tuple.tuple("two.png", UploadResult.Status.accepted, null));
    assertThat(results.get(1).reason()).contains("not an image");
    for (byte[] good : List.of(good1, good2)) {
      assertThat(EventLog.eventsFor(kafka(), ImageId.of(good).hex())).hasSize(1);
    }
  }

  @Test
  void theFileNameNeverBecomesAPath() {
    byte[] jpeg = TestImages.jpeg(10, 10);

    UploadResult result =
        upload(files(Map.of("../../etc/passwd\u0000.jpg", jpeg))).results().getFirst();

    assertThat(result.filename()).isEqualTo("passwd.jpg");
  }

  @Test
  void servesItsOpenApiDocument() {
    http.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
        .value(
            doc ->
                assertThat(((Map<?, ?>) doc.get("paths")).keySet())
                    .map(String::valueOf)
                    .contains("/api/images", "/api/images/{id}/status"));
  }
}
