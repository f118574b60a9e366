package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.web.BadRequest;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A multipart query as it streams in: form fields, and at most one file part named {@code image}
 * whose bytes are kept only up to the size limit (the rest is released unread).
 */
record QueryForm(MultiValueMap<String, String> fields, ReceivedImage image) {

  /** {@code bytes} is empty when {@code tooLarge}. */
  record ReceivedImage(byte[] bytes, boolean tooLarge) {
    String sha256() {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }

  static Mono<QueryForm> read(Flux<PartEvent> events, long maxBytes) {
    MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
    AtomicReference<ReceivedImage> image = new AtomicReference<>();
    return events
        .windowUntil(PartEvent::isLast)
        .concatMap(
            part ->
                part.switchOnFirst(
                    (first, all) -> {
                      PartEvent event = first.get();
                      if (event instanceof FilePartEvent file) {
                        if (!"image".equals(file.name())) {
                          return discard(all)
                              .then(
                                  Mono.error(
                                      new BadRequest(
                                          "Images go in a part named 'image', not '"
                                              + file.name()
                                              + "'.")));
                        }
                        if (image.get() != null) {
                          return discard(all)
                              .then(Mono.error(new BadRequest("Send one image per query.")));
                        }
                        return collect(all, maxBytes).doOnNext(image::set).then();
                      }
                      if (event instanceof FormPartEvent form) {
                        fields.add(form.name(), form.value());
                      }
                      return discard(all).then();
                    }))
        .then(Mono.fromSupplier(() -> new QueryForm(fields, image.get())));
  }

  private static Flux<PartEvent> discard(Flux<PartEvent> events) {
    return events.doOnNext(event -> DataBufferUtils.release(event.content()));
  }

  private static Mono<ReceivedImage> collect(Flux<PartEvent> events, long limit) {
    return events
        .map(PartEvent::content)
        .reduce(
            new Partial(new ByteArrayOutputStream(), false),
            (partial, buffer) -> {
              try {
                if (!partial.tooLarge()
                    && partial.out().size() + (long) buffer.readableByteCount() <= limit) {
                  copy(buffer, partial.out());
                  return partial;
                }
                return new Partial(new ByteArrayOutputStream(0), true);
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .map(p -> new ReceivedImage(p.out().toByteArray(), p.tooLarge()));
  }

  private static void copy(DataBuffer buffer, ByteArrayOutputStream out) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    buffer.read(bytes);
    out.writeBytes(bytes);
  }

  private record Partial(ByteArrayOutputStream out, boolean tooLarge) {}
}
