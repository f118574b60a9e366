package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedworker.DeadLetters;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * An Error while one image is processed (out of memory, stack overflow) fails that image, with a
 * failed status and a dead letter, and never holds back its batch or its partition. The real
 * models, except that deriving their input throws for images of two chosen widths.
 */
class ErrorInProcessingTest extends WorkerTestBase {
  private static final int OUT_OF_MEMORY = 333;
  private static final int STACK_OVERFLOW = 334;

  @MockitoSpyBean EmbeddingModels models;

  @Test
  void anErrorFailsThatImageAloneAndTheBatchCompletes() {
    doAnswer(
            call -> {
              RgbImage image = call.getArgument(0);
              if (image.width() == OUT_OF_MEMORY) {
                throw new OutOfMemoryError("Java heap space");
              }
              if (image.width() == STACK_OVERFLOW) {
                throw new StackOverflowError();
              }
              return call.callRealMethod();
            })
        .when(models)
        .crops(any());
    String collection = "errors-" + UUID.randomUUID();
    ImageUploaded good1 = upload(TestImages.jpeg(700), collection);
    ImageUploaded oom = upload(sized(701, OUT_OF_MEMORY), collection);
    ImageUploaded overflow = upload(sized(702, STACK_OVERFLOW), collection);
    ImageUploaded good2 = upload(TestImages.jpeg(703), collection);

    assertThat(awaitDocument(good1.imageId()).status()).isEqualTo("indexed");
    assertThat(awaitDocument(good2.imageId()).status()).isEqualTo("indexed");
    assertFailed(oom.imageId(), "OutOfMemoryError");
    assertFailed(overflow.imageId(), "StackOverflowError");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                DeadLetters.all(RealServers.kafka().bootstrapServers()).stream()
                    .filter(r -> r.key().equals(oom.imageId()))
                    .anyMatch(
                        r ->
                            "PROCESSING_ERROR"
                                .equals(DeadLetters.header(r, "imagesearch-failure-reason"))));

    // The partitions move on: an image uploaded afterwards is indexed too.
    ImageUploaded later = upload(TestImages.jpeg(704), collection);
    assertThat(awaitDocument(later.imageId()).status()).isEqualTo("indexed");
  }

  private static byte[] sized(long seed, int width) {
    return TestImages.jpeg(TestImages.picture(seed, width, 200), 0.9f);
  }

  private void assertFailed(String id, String error) {
    ImageDocument doc = awaitDocument(id);
    assertThat(doc.status()).isEqualTo("failed");
    assertThat(doc.failureReason()).startsWith("PROCESSING_ERROR: ").contains(error);
  }
}
