package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.cli.demo.OtlpReceiver.Span;
import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.imaging.JpegEncoder;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One image imported through search-api is one trace, from the CLI's traceparent over search-api's
 * forwarding, the ingest-service and the Kafka record to the worker's processing and bulk write;
 * the services export it to an OTLP receiver in this JVM. Their JSON log lines about the image
 * carry its id and that trace id. Skips when the services are not built or the ports are taken.
 */
@NeedsClipVocabulary
class UploadTraceE2ETest {
  private static final Path OUT = Path.of("target", "e2e-trace").toAbsolutePath();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void oneUploadIsOneTraceAcrossTheServicesAndKafka(@TempDir Path photos) throws Exception {
    String why = DemoStack.missing();
    assumeTrue(why == null, () -> "Trace test skipped: " + why);
    String id = ImageId.of(photo(photos.resolve("traced.jpg"))).hex();
    try (OtlpReceiver otlp = new OtlpReceiver()) {
      DemoStack stack =
          new DemoStack(OUT)
              .environment("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", otlp.endpoint())
              .environment("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms")
              .environment("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
              .environment("LOGGING_LEVEL_DEV_IMAGESEARCH_EMBEDWORKER_CONSUME", "debug");
      List<Span> trace;
      try {
        assertThat(stack.upPatiently("up")).as(stack.log("up")).isTrue();
        int imported =
            stack.cli("import", 3, "import", photos.toString(), "--url", "http://127.0.0.1:8080");
        assertThat(imported).as(stack.log("import")).isZero();
        trace = waitForBulkWrite(otlp);
        stack.getJson("/api/search?q=photo");
        SearchPage.waitUntil(
            java.time.Duration.ofSeconds(30),
            "the search's span",
            () -> otlp.spans().stream().anyMatch(s -> s.name().contains("/api/search")));
      } finally {
        stack.stop();
      }
      assertOneTrace(trace);
      String traceId = trace.getFirst().traceId();
      assertLogged(OUT.resolve("stack-ingest-service.log"), id, traceId);
      assertLogged(OUT.resolve("stack-embed-worker.log"), id, traceId);
    }
  }

  /** The trace of the worker's bulk write, once all of it has arrived. */
  private static List<Span> waitForBulkWrite(OtlpReceiver otlp) throws Exception {
    SearchPage.waitUntil(
        java.time.Duration.ofMinutes(2),
        "the bulk write's span",
        () -> otlp.spans().stream().anyMatch(s -> s.name().equals("elasticsearch bulk")));
    Thread.sleep(1000); // the other services' last batches
    String traceId =
        otlp.spans().stream()
            .filter(s -> s.name().equals("elasticsearch bulk"))
            .findFirst()
            .orElseThrow()
            .traceId();
    return otlp.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static void assertOneTrace(List<Span> trace) {
    String spans = trace.stream().map(Span::toString).collect(Collectors.joining("\n"));
    Map<String, Span> byId =
        trace.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
    assertThat(trace.stream().map(Span::service).distinct())
        .as(spans)
        .containsExactlyInAnyOrder("search-api", "ingest-service", "embed-worker");
    // Every span but the first has its parent in the trace; the first one's is the CLI's.
    List<Span> roots = trace.stream().filter(s -> !byId.containsKey(s.parentId())).toList();
    assertThat(roots).as(spans).hasSize(1);
    assertThat(roots.getFirst().service()).as(spans).isEqualTo("search-api");
    assertThat(roots.getFirst().parentId()).as("the CLI's span, the trace's start").isNotEmpty();
    // The Kafka hop: the worker's image span is a child of the ingest-service's producer span.
    Span image = only(trace, "embed image");
    assertThat(byId.get(image.parentId()).service()).as(spans).isEqualTo("ingest-service");
    assertThat(only(trace, "elasticsearch bulk").parentId()).isEqualTo(image.spanId());
  }

  private static Span only(List<Span> trace, String name) {
    List<Span> named = trace.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.getFirst();
  }

  /** A JSON (ECS) log line of the service names the image and carries the trace id. */
  private static void assertLogged(Path log, String id, String traceId) throws Exception {
    List<JsonNode> about =
        Files.readAllLines(log).stream()
            .filter(line -> line.startsWith("{") && line.contains(id))
            .map(JSON::readTree)
            .toList();
    assertThat(about).as(log + " has JSON lines about " + id).isNotEmpty();
    assertThat(about)
        .as(log.toString())
        .anySatisfy(
            line -> {
              assertThat(line.path(ImageId.LOG_KEY).asString()).isEqualTo(id);
              assertThat(line.path("traceId").asString()).isEqualTo(traceId);
            });
  }

  private static byte[] photo(Path file) throws Exception {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(18);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    byte[] jpeg = JpegEncoder.encode(image, 0.9f);
    Files.write(file, jpeg);
    return jpeg;
  }
}
