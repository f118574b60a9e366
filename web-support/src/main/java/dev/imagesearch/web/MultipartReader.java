package dev.imagesearch.web;

import java.io.ByteArrayOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a multipart request as it streams in. A file's bytes are kept only up to the size limit;
 * the rest is released unread, so an oversized file costs no more memory than an allowed one. The
 * caller's {@link Parts} decides which parts a request may hold.
 */
public final class MultipartReader {
  private MultipartReader() {}

  /**
   * Takes the parts in order. A method that throws ends the read with that exception, after the
   * part's remaining bytes are released.
   */
  public interface Parts {
    /** A file part begins; throw to refuse it before any of its bytes are kept. */
    void fileStarts(String partName);

    void file(ReceivedFile file);

    void field(String name, String value);
  }

  public static Mono<Void> read(Flux<PartEvent> events, long maxFileBytes, Parts parts) {
    return events
        .windowUntil(PartEvent::isLast)
        .concatMap(
            part ->
                part.switchOnFirst(
                    (first, all) -> {
                      try {
                        PartEvent event = first.get();
                        if (event instanceof FilePartEvent file) {
                          parts.fileStarts(file.name());
                          return collect(all, maxFileBytes)
                              .doOnNext(p -> parts.file(p.named(file.filename())))
                              .then();
                        }
                        if (event instanceof FormPartEvent form) {
                          parts.field(form.name(), form.value());
                        }
                        return discard(all).then();
                      } catch (RuntimeException refused) {
                        return discard(all).then(Mono.error(refused));
                      }
                    }))
        .then();
  }

  private static Flux<PartEvent> discard(Flux<PartEvent> events) {
    return events.doOnNext(event -> DataBufferUtils.release(event.content()));
  }

  /** Accumulates one part's content, keeping at most {@code limit} bytes. */
  private static Mono<Partial> collect(Flux<PartEvent> events, long limit) {
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
            });
  }

  private static void copy(DataBuffer buffer, ByteArrayOutputStream out) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    buffer.read(bytes);
    out.writeBytes(bytes);
  }

  private record Partial(ByteArrayOutputStream out, boolean tooLarge) {
    ReceivedFile named(String filename) {
      return new ReceivedFile(filename, out.toByteArray(), tooLarge);
    }
  }
}
