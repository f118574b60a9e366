package dev.imagesearch.ingestservice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Pending work is the embed-worker group's lag on the real broker, with no worker running. The
 * answer's 2 s limit (PipelineKafkaDownTest covers it) is raised here: the first call connects the
 * admin client, which a loaded CI machine did not do in 2 s. The client waits longer than that
 * limit, not its default 5 s.
 */
@TestPropertySource(properties = "imagesearch.pipeline.timeout=20s")
class PipelineTest extends IngestApiTestBase {
  @Test
  void pendingCountsUploadsTheWorkerGroupHasNotConsumed() {
    long before = pending();

    upload(3);
    assertThat(pending()).isEqualTo(before + 3);

    assertThat(EventLog.commitEverythingAs(kafka(), "embed-worker"))
        .as("events on the topic")
        .isGreaterThanOrEqualTo(3);
    assertThat(pending()).isZero();

    upload(1);
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void needsNoApiKey() {
    pipeline().exchange().expectStatus().isOk().expectBody().jsonPath("$.pending").isNumber();
  }

  record Answer(Long pending) {}

  private long pending() {
    Answer answer =
        pipeline()
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Answer.class)
            .returnResult()
            .getResponseBody();
    assertThat(answer.pending()).as("pending").isNotNull();
    return answer.pending();
  }

  private WebTestClient.RequestHeadersSpec<?> pipeline() {
    return http.mutate().responseTimeout(Duration.ofSeconds(30)).build().get().uri("/api/pipeline");
  }

  private void upload(int count) {
    for (int i = 0; i < count; i++) {
      post(files(Map.of("p" + i + ".jpg", TestImages.jpeg(24, 24))))
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.results[0].status")
          .isEqualTo("accepted");
    }
  }
}
