package dev.imagesearch.ingestservice.upload;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a multipart upload as it streams in. A file's bytes are kept only up to the size limit; the
 * rest is released unread, so an oversized file costs no more memory than an allowed one.
 */
final class UploadParts {
  static final Set<String> FIELDS = Set.of("collection", "tags", "caption");

  record Request(UploadFields fields, List<ReceivedFile> files) {}

  private UploadParts() {}

  static Mono<Request> read(Flux<PartEvent> events, long maxFileBytes, int maxFiles) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<ReceivedFile> files = new ArrayList<>();
    return events
        .windowUntil(PartEvent::isLast)
        .concatMap(
            part ->
                part.switchOnFirst(
                    (first, all) -> {
                      PartEvent event = first.get();
                      if (event instanceof FilePartEvent file) {
                        if (!"file".equals(file.name())) {
                          return discard(all)
                              .then(
                                  Mono.error(
                                      badRequest(
                                          "Files go in parts named 'file', not '"
                                              + file.name()
                                              + "'.")));
                        }
                        if (files.size() == maxFiles) {
                          return discard(all)
                              .then(
                                  Mono.error(
                                      badRequest(
                                          "Too many files: at most "
                                              + maxFiles
                                              + " per request.")));
                        }
                        return collect(all, maxFileBytes)
                            .doOnNext(r -> files.add(r.named(file.filename())));
                      }
                      if (event instanceof FormPartEvent form) {
                        if (!FIELDS.contains(form.name())) {
                          return discard(all)
                              .then(
                                  Mono.error(
                                      badRequest(
                                          "Unknown field '"
                                              + form.name()
                                              + "'; expected one of "
                                              + FIELDS
                                              + ".")));
                        }
                        fields.put(form.name(), form.value());
                      }
                      return discard(all).then(Mono.empty());
                    }))
        .then(
            Mono.fromSupplier(
                () -> {
                  if (files.isEmpty()) {
                    throw badRequest("No image: send one or more parts named 'file'.");
                  }
                  return new Request(UploadFields.from(fields), List.copyOf(files));
                }));
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

  private static ResponseStatusException badRequest(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
