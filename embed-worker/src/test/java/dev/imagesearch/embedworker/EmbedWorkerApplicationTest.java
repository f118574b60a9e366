package dev.imagesearch.embedworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.testsupport.TestImages;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@AutoConfigureWebTestClient
class EmbedWorkerApplicationTest extends WorkerTestBase {
  @Autowired WebTestClient http;

  @Test
  void isReadyOnlyWithModelsKafkaAndElasticsearch() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.models.status")
        .isEqualTo("UP")
        .jsonPath("$.components.models.details.standin")
        .isEqualTo(true)
        .jsonPath("$.components.elasticsearch.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP");
    http.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.models.status")
        .isEqualTo("UP");
    http.get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void exportsThroughputStageTimesAndConsumerLagForPrometheus() {
    awaitDocument(upload(TestImages.jpeg(600), "metrics-" + UUID.randomUUID()).imageId());

    String metrics =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(metrics)
        .contains("imagesearch_worker_images_total{")
        .contains("imagesearch_worker_batch_size_count")
        .contains("imagesearch_worker_model_batch_size_count")
        .contains("stage=\"fetch\"")
        .contains("stage=\"decode\"")
        .contains("stage=\"model\"")
        .contains("stage=\"index\"")
        .contains("kafka_consumer_fetch_manager_records_lag_max")
        .contains("imagesearch_worker_stage_seconds_bucket{")
        .contains("imagesearch_worker_ready{application=\"embed-worker\"} 1.0")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_usage{");
  }
}
