package dev.imagesearch.ingestservice.pipeline;

import dev.imagesearch.web.ServiceUnavailable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** How much uploaded work the embed-workers still have ahead of them. Open to read. */
@RestController
@EnableConfigurationProperties(PipelineProperties.class)
class PipelineController implements DisposableBean {
  private final Admin admin;
  private final PendingEvents pending;
  private final PipelineProperties properties;

  PipelineController(KafkaAdmin kafkaAdmin, PipelineProperties properties) {
    // One client for the service's life: it connects lazily, so a Kafka that is away at start
    // only makes the calls fail, never the start.
    this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    this.pending = new PendingEvents(admin, properties.consumerGroup(), properties.timeout());
    this.properties = properties;
  }

  /**
   * @param pending image events not yet consumed by the workers (stored, not yet indexed)
   */
  record Pipeline(long pending) {}

  @Operation(summary = "Uploaded images waiting for the embed-workers")
  @GetMapping("/api/pipeline")
  Mono<Pipeline> pipeline() {
    return pending
        .count()
        .timeout(properties.timeout().plusSeconds(1))
        .map(Pipeline::new)
        .onErrorMap(
            e -> !(e instanceof ServiceUnavailable),
            e ->
                new ServiceUnavailable(
                    "The event bus (Kafka) is unavailable, so pending work cannot be counted.", e));
  }

  @Override
  public void destroy() {
    admin.close(Duration.ofSeconds(2));
  }
}
