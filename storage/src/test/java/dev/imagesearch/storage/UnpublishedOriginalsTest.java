package dev.imagesearch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Pages of two keys, so that every rule of the walk is crossed by a page boundary. */
@WithRealServers
class UnpublishedOriginalsTest {
  static final String BUCKET = "unpublished-test";
  static S3AsyncClient s3;
  static ImageStore store;
  static List<String> ids;

  @BeforeAll
  static void fill() {
    s3 = RealServers.s3Client(S3AsyncClient.builder()).build();
    s3.createBucket(b -> b.bucket(BUCKET)).join();
    store = new ImageStore(s3, BUCKET, 2);
    ids =
        IntStream.range(0, 11)
            .mapToObj(i -> ("image " + i).getBytes(StandardCharsets.UTF_8))
            .map(
                bytes -> {
                  String id = ImageStoreTest.sha256(bytes);
                  store.putOriginal(id, bytes, "image/png", Map.of()).block();
                  return id;
                })
            .sorted()
            .toList();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void findsExactlyTheOriginalsWithoutAMarker() {
    List<String> unpublished = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      // Runs of published and unpublished ids of every length, across page boundaries.
      if (i == 0 || i == 3 || i == 4 || i == 8 || i == 10) {
        unpublished.add(ids.get(i));
      } else {
        store.markPublished(ids.get(i)).block();
      }
    }
    // Markers whose original is gone (a deletion that stopped halfway) must not confuse the walk.
    store.markPublished("0".repeat(64)).block();
    store.markPublished(ids.get(3).substring(0, 63) + "x").block();
    store.markPublished("f".repeat(64)).block();

    assertThat(store.unpublishedOriginals(Instant.now().plusSeconds(5)).collectList().block())
        .containsExactlyElementsOf(unpublished);
  }

  @Test
  void leavesOriginalsYoungerThanTheCutoffAlone() {
    Instant beforeAnyWrite = Instant.now().minusSeconds(60);

    assertThat(store.unpublishedOriginals(beforeAnyWrite).collectList().block()).isEmpty();
  }
}
