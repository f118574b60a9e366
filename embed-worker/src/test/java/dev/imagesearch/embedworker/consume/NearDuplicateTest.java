package dev.imagesearch.embedworker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.embedworker.indexing.DuplicateFinder;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NearDuplicateTest extends WorkerTestBase {
  @Autowired EmbeddingModels models;
  @Autowired DuplicateFinder duplicates;

  @Test
  void aReencodedPhotoPointsAtTheOriginalAndADifferentOneDoesNot() throws Exception {
    String collection = "dup-" + UUID.randomUUID();
    BufferedImage photo = TestImages.picture(400, 640, 480);
    byte[] original = TestImages.jpeg(photo, 0.95f);
    byte[] reencoded = TestImages.jpeg(photo, 0.6f);
    byte[] different = TestImages.jpeg(401);
    ImageDecoder decoder = new ImageDecoder();
    float[] a = models.clip().embedImage(decoder.decode(original));
    double same = DuplicateFinder.cosine(a, models.clip().embedImage(decoder.decode(reencoded)));
    double other = DuplicateFinder.cosine(a, models.clip().embedImage(decoder.decode(different)));
    System.out.printf("CLIP cosine: re-encoded %.5f, different image %.5f%n", same, other);
    assertThat(same).isGreaterThan(duplicates.threshold());
    assertThat(other).isLessThan(duplicates.threshold());

    ImageUploaded first = upload(original, collection);
    awaitDocument(first.imageId());
    count(collection); // refresh: the original is searchable before its duplicate arrives
    ImageUploaded second = upload(reencoded, collection);
    ImageUploaded third = upload(different, collection);

    String duplicateOf =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> document(second.imageId()), d -> d.isPresent())
            .orElseThrow()
            .duplicateOf();
    assertThat(duplicateOf).isEqualTo(first.imageId());
    // Only this pair is checked: other tests' synthetic pictures share the index, and the
    // random-weight stand-ins can put an unrelated one of them above the threshold.
    assertThat(awaitDocument(third.imageId()).duplicateOf()).isNotEqualTo(first.imageId());
    assertThat(document(first.imageId()).orElseThrow().duplicateOf()).isNull();
  }
}
