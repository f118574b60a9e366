package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcomes with bounded reasons, bytes, and S3 and Kafka latency, scraped as Prometheus text. */
class UploadMetricsTest extends IngestApiTestBase {

  /** The first upload creates the topic, slower than the default wait on a busy machine. */
  @BeforeEach
  void patient() {
    http = http.mutate().responseTimeout(Duration.ofSeconds(90)).build();
  }

  @Test
  void exportsUploadsByOutcomeAndReasonBytesAndCallTimesForPrometheus() {
    byte[] photo = TestImages.jpeg(UUID.randomUUID().getMostSignificantBits(), 48, 32);
    post(files(Map.of("new.jpg", photo)))
        .expectStatus()
        .is2xxSuccessful()
        .expectBody()
        .returnResult();
    post(files(Map.of("again.jpg", photo)))
        .expectStatus()
        .is2xxSuccessful()
        .expectBody()
        .returnResult();
    post(files(Map.of("empty.jpg", new byte[0])))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .returnResult();
    byte[] text = "not a picture".getBytes(StandardCharsets.US_ASCII);
    post(files(Map.of("notes.jpg", text)))
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .returnResult();

    String metrics =
        management()
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(metrics)
        .contains(uploads("accepted", "none"))
        .contains(uploads("duplicate", "none"))
        .contains(uploads("rejected", "empty"))
        .contains(uploads("rejected", "not_an_image"))
        .contains("imagesearch_ingest_uploaded_bytes_total{application=\"ingest-service\"}")
        .contains("imagesearch_ingest_s3_requests_seconds_bucket{")
        .contains("operation=\"put_original_if_absent\"")
        .contains("operation=\"is_published\"")
        .contains("operation=\"mark_published\"")
        .contains("imagesearch_ingest_kafka_send_seconds_bucket{")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_usage{");
  }

  private static String uploads(String outcome, String reason) {
    return "imagesearch_ingest_uploads_total{application=\"ingest-service\",outcome=\""
        + outcome
        + "\",reason=\""
        + reason
        + "\"}";
  }
}
