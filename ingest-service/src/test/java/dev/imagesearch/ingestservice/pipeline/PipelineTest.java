package dev.imagesearch.ingestservice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Pending work is the embed-worker group's lag on the real broker, with no worker running. The
 * answer's 2 s limit (PipelineKafkaDownTest covers it) is raised here: the first call connects the
 * admin client, which a loaded CI machine did not do in 2 s.
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
    http.get()
        .uri("/api/pipeline")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.pending")
        .isNumber();
  }

  record Answer(Long pending) {}

  private long pending() {
    Answer answer =
        http.get()
            .uri("/api/pipeline")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Answer.class)
            .returnResult()
            .getResponseBody();
    assertThat(answer.pending()).as("pending").isNotNull();
    return answer.pending();
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
