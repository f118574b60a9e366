package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.testsupport.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upload continues its caller's trace: the Kafka record carries it on (W3C {@code traceparent}
 * header) and the JSON log line about the image names the image and the trace.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class UploadTraceTest extends IngestApiTestBase {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void theRecordAndTheJsonLogLineCarryTheUploadsTrace(CapturedOutput output) {
    byte[] jpeg = TestImages.jpeg(18, 61, 43);
    String id = ImageId.of(jpeg).hex();

    // A first upload creates the topic: slow on a busy machine.
    http.mutate()
        .responseTimeout(Duration.ofSeconds(60))
        .build()
        .post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
        .bodyValue(files(Map.of("traced.jpg", jpeg)).build())
        .exchange()
        .expectStatus()
        .isAccepted();

    List<ConsumerRecord<String, String>> records = EventLog.recordsFor(kafka(), id);
    assertThat(records).hasSize(1);
    assertThat(records.getFirst().headers().lastHeader("traceparent"))
        .as("the record's traceparent header")
        .isNotNull()
        .extracting(header -> new String(header.value(), StandardCharsets.UTF_8))
        .asString()
        .startsWith("00-" + TRACE_ID + "-");
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> lines =
        output
            .getOut()
            .lines()
            .filter(line -> line.startsWith("{") && line.contains(id))
            .map(json::readTree)
            .toList();
    assertThat(lines).as(output.getOut()).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.path(ImageId.LOG_KEY).asString()).isEqualTo(id);
              assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
            });
  }
}
