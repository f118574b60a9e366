package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.web.BadRequest;
import dev.imagesearch.web.MultipartReader;
import dev.imagesearch.web.ReceivedFile;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A multipart query as it streams in: form fields, and at most one file part named {@code image}
 * whose bytes are kept only up to the size limit (the rest is released unread).
 */
record QueryForm(MultiValueMap<String, String> fields, ReceivedFile image) {

  static Mono<QueryForm> read(Flux<PartEvent> events, long maxBytes) {
    MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
    AtomicReference<ReceivedFile> image = new AtomicReference<>();
    MultipartReader.Parts parts =
        new MultipartReader.Parts() {
          @Override
          public void fileStarts(String partName) {
            if (!"image".equals(partName)) {
              throw new BadRequest("Images go in a part named 'image', not '" + partName + "'.");
            }
            if (image.get() != null) {
              throw new BadRequest("Send one image per query.");
            }
          }

          @Override
          public void file(ReceivedFile file) {
            image.set(file);
          }

          @Override
          public void field(String name, String value) {
            fields.add(name, value);
          }
        };
    return MultipartReader.read(events, maxBytes, parts)
        .then(Mono.fromSupplier(() -> new QueryForm(fields, image.get())));
  }
}
