package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.imaging.DecodeBudget;
import dev.imagesearch.searchapi.HostileImages;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every query image of issue 12 (F2) is answered in time, with a decode budget of 150 MB as a small
 * heap would give: too costly for the budget is 422 from the header, metadata is never inflated, a
 * budget that stays taken is 503 with Retry-After.
 */
@TestPropertySource(
    properties = {"imagesearch.search.max-image-size=25MB", "imagesearch.search.decode-wait=1s"})
class HostileQueryImageTest extends SearchApiTestBase {
  private static final long BUDGET = 150_000_000L;

  @DynamicPropertySource
  static void budget(DynamicPropertyRegistry registry) {
    registry.add(
        "imagesearch.search.decode-budget",
        () -> (double) BUDGET / Runtime.getRuntime().maxMemory());
  }

  static Stream<Arguments> tooCostly() {
    return Stream.of(
        image("JPEG header claiming 8000x8000", () -> HostileImages.jpegClaiming(8000, 8000)),
        image("PNG 8000x8000", () -> TestImages.pngClaiming(8000, 8000)),
        image("PNG 64000000x1", () -> TestImages.pngClaiming(64_000_000, 1)),
        image("TIFF 8000x8000", () -> HostileImages.tiffClaiming(8000, 8000)),
        image("real 8000x8000 JPEG", () -> HostileImages.flatJpeg(8000, 8000)));
  }

  private static Arguments image(String name, Supplier<byte[]> bytes) {
    return Arguments.of(name, bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tooCostly")
  void anImageCostlierThanTheBudgetIs422FromItsHeader(String name, Supplier<byte[]> image) {
    byte[] bytes = image.get();
    post(withImage(bytes))
        .expectStatus()
        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains("needs").contains("limit is"));
  }

  @ParameterizedTest
  @MethodSource("textChunks")
  void compressedPngTextIsNeverInflated(String type) {
    byte[] bomb = HostileImages.pngWithTextBomb(type, 300_000_000);
    assertThat(bomb.length).isLessThan(1_000_000);
    long before = System.nanoTime();
    postOk(withImage(bomb));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));
  }

  static Stream<String> textChunks() {
    return Stream.of("zTXt", "iTXt");
  }

  /** 12 MP, 36 MB of the 150 MB budget: decoded, cropped and answered (slowly on a busy box). */
  @Test
  void aLargePhotoWithinTheBudgetIsAnswered() {
    http.mutate()
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .post()
        .uri("/api/search")
        .bodyValue(withImage(HostileImages.flatJpeg(4000, 3000)).build())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.hits")
        .isArray();
  }

  @Test
  void aBudgetThatStaysTakenIs503WithRetryAfterNotAHang() throws Exception {
    DecodeBudget budget = bean(QueryImages.class).budget();
    DecodeBudget.Permit all = budget.acquire(budget.bytes(), Duration.ofSeconds(5));
    try {
      post(withImage(TestImages.png(3, 64, 64)))
          .expectStatus()
          .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
          .expectHeader()
          .exists("Retry-After")
          .expectBody()
          .jsonPath("$.detail")
          .value(String.class, detail -> assertThat(detail).contains("decode budget"));
    } finally {
      all.close();
    }
    postOk(withImage(TestImages.png(3, 64, 64)));
  }
}
