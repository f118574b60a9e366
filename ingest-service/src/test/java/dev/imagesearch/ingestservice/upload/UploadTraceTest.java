package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * An upload continues its caller's trace: the Kafka record carries it on (W3C {@code traceparent}
 * header) and the log lines about the image carry the image id and the trace id.
 */
class UploadTraceTest extends IngestApiTestBase {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Logger ROOT = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  // The log events themselves, not the console: the JVM's logging is set up once by the first
  // test context, so a console format chosen here would not apply. The JSON layout of these
  // fields is checked on fresh service processes by the cli module's UploadTraceE2ETest.
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    ROOT.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    ROOT.detachAppender(logged);
  }

  @Test
  void theRecordAndTheLogLinesCarryTheUploadsTrace() {
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
        .isAccepted()
        .expectBody(); // read, so no buffer is left unreleased

    List<ConsumerRecord<String, String>> records = EventLog.recordsFor(kafka(), id);
    assertThat(records).hasSize(1);
    assertThat(records.getFirst().headers().lastHeader("traceparent"))
        .as("the record's traceparent header")
        .isNotNull()
        .extracting(header -> new String(header.value(), StandardCharsets.UTF_8))
        .asString()
        .startsWith("00-" + TRACE_ID + "-");
    List<ILoggingEvent> aboutTheImage =
        logged.list.stream()
            .filter(event -> id.equals(event.getMDCPropertyMap().get(ImageId.LOG_KEY)))
            .toList();
    assertThat(aboutTheImage).as("log lines that carry the image id").isNotEmpty();
    assertThat(aboutTheImage)
        .allSatisfy(
            event -> assertThat(event.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID));
  }
}
