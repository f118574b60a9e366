package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.embedworker.consume.EventBatch.Pending;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One span per image of a batch, a child of the upload's trace that its Kafka record carries (W3C
 * {@code traceparent} header, set by the ingest-service's producer), open from the batch's start to
 * its bulk write. A batch holds many uploads, so the batch itself is no span: each image's trace
 * goes on here.
 */
@Component
class ImageSpans {
  private final Tracer tracer;
  private final Propagator propagator;
  // By image id: Kafka keys records by image id, so one image is in one batch at a time.
  private final Map<String, Span> open = new ConcurrentHashMap<>();

  ImageSpans(Tracer tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer;
    // None when tracing is turned off (management.tracing.enabled=false): then no spans either.
    this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
  }

  void start(List<Pending> uploads) {
    for (Pending upload : uploads) {
      Span span =
          propagator
              .extract(upload.record().headers(), ImageSpans::header)
              .name("embed image")
              .kind(Span.Kind.CONSUMER)
              .tag("image.id", upload.id())
              .start();
      Span earlier = open.put(upload.id(), span);
      if (earlier != null) {
        earlier.end();
      }
    }
  }

  void end(List<Pending> uploads) {
    for (Pending upload : uploads) {
      Span span = open.remove(upload.id());
      if (span != null) {
        span.end();
      }
    }
  }

  /** Runs one bulk write with a child span of each of its images' spans around it. */
  <T> T bulkWrite(Collection<String> ids, Callable<T> write) throws Exception {
    List<Span> spans =
        ids.stream()
            .map(open::get)
            .filter(Objects::nonNull)
            .map(
                parent ->
                    tracer
                        .nextSpan(parent)
                        .name("elasticsearch bulk")
                        .remoteServiceName("elasticsearch")
                        .start())
            .toList();
    try {
      return write.call();
    } catch (Exception e) {
      spans.forEach(span -> span.error(e));
      throw e;
    } finally {
      spans.forEach(Span::end);
    }
  }

  /**
   * Runs work about one image with its id in the MDC and its span current, so that every log line
   * written meanwhile carries the image id and the trace id.
   */
  <T> T about(String imageId, Supplier<T> work) {
    if (imageId == null) {
      return work.get(); // a malformed event without a key
    }
    Span span = open.get(imageId);
    Tracer.SpanInScope scope = span == null ? null : tracer.withSpan(span);
    MDC.put(ImageId.LOG_KEY, imageId);
    try {
      return work.get();
    } finally {
      MDC.remove(ImageId.LOG_KEY);
      if (scope != null) {
        scope.close();
      }
    }
  }

  void about(String imageId, Runnable work) {
    about(
        imageId,
        () -> {
          work.run();
          return null;
        });
  }

  private static String header(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
