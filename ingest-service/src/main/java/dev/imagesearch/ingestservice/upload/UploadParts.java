package dev.imagesearch.ingestservice.upload;

import dev.imagesearch.web.MultipartReader;
import dev.imagesearch.web.ReceivedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An upload: one or more parts named {@code file}, and the known form fields. */
final class UploadParts {
  static final Set<String> FIELDS = Set.of("collection", "tags", "caption");

  record Request(UploadFields fields, List<ReceivedFile> files) {}

  private UploadParts() {}

  static Mono<Request> read(Flux<PartEvent> events, long maxFileBytes, int maxFiles) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<ReceivedFile> files = new ArrayList<>();
    MultipartReader.Parts parts =
        new MultipartReader.Parts() {
          @Override
          public void fileStarts(String partName) {
            if (!"file".equals(partName)) {
              throw badRequest("Files go in parts named 'file', not '" + partName + "'.");
            }
            if (files.size() == maxFiles) {
              throw badRequest("Too many files: at most " + maxFiles + " per request.");
            }
          }

          @Override
          public void file(ReceivedFile file) {
            files.add(file);
          }

          @Override
          public void field(String name, String value) {
            if (!FIELDS.contains(name)) {
              throw badRequest("Unknown field '" + name + "'; expected one of " + FIELDS + ".");
            }
            fields.put(name, value);
          }
        };
    return MultipartReader.read(events, maxFileBytes, parts)
        .then(
            Mono.fromSupplier(
                () -> {
                  if (files.isEmpty()) {
                    throw badRequest("No image: send one or more parts named 'file'.");
                  }
                  return new Request(UploadFields.from(fields), List.copyOf(files));
                }));
  }

  private static ResponseStatusException badRequest(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
