package dev.imagesearch.searchapi.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagesearch.web.ServiceUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class InferenceTest {
  @Test
  void aFullPoolAnswers503AtOnceInsteadOfQueueing() throws Exception {
    Inference inference =
        new Inference(
            new InferenceProperties(1, 1, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try {
      inference
          .run(
              () -> {
                started.countDown();
                return release.await(30, TimeUnit.SECONDS);
              })
          .subscribe();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      var queued = inference.run(() -> "queued").toFuture();

      Throwable refused = catchThrowable(() -> inference.run(() -> "refused").block());

      assertThat(refused).isInstanceOf(ServiceUnavailable.class);
      assertThat(((ServiceUnavailable) refused).getStatusCode().value()).isEqualTo(503);
      assertThat(((ServiceUnavailable) refused).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
          .isNotBlank();
      release.countDown();
      assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
    } finally {
      release.countDown();
      inference.destroy();
    }
  }

  @Test
  void aTaskPastTheTimeoutIs503() {
    Inference inference =
        new Inference(
            new InferenceProperties(1, 1, Duration.ofMillis(200)), new SimpleMeterRegistry());
    try {
      Throwable slow =
          catchThrowable(
              () ->
                  inference
                      .run(
                          () -> {
                            Thread.sleep(5_000);
                            return "late";
                          })
                      .block());

      assertThat(slow).isInstanceOf(ServiceUnavailable.class);
    } finally {
      inference.destroy();
    }
  }

  @Test
  void runsOffTheCallersThread() {
    Inference inference =
        new Inference(
            new InferenceProperties(0, 4, Duration.ofSeconds(5)), new SimpleMeterRegistry());
    try {
      String thread = inference.run(() -> Thread.currentThread().getName()).block();

      assertThat(thread).startsWith("inference-").isNotEqualTo(Thread.currentThread().getName());
    } finally {
      inference.destroy();
    }
  }
}
