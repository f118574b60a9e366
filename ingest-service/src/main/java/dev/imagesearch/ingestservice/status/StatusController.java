package dev.imagesearch.ingestservice.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.ingestservice.index.IndexLookup;
import dev.imagesearch.storage.ImageStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
class StatusController {
  private final IndexLookup index;
  private final ImageStore store;

  StatusController(IndexLookup index, ImageStore store) {
    this.index = index;
    this.store = store;
  }

  /** {@code reason} only when failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageStatus(String id, String status, String reason) {}

  /** {@code indexed} or {@code failed} once the worker is done, {@code stored} before. */
  @GetMapping("/api/images/{id}/status")
  Mono<ImageStatus> status(@PathVariable String id) {
    String imageId = ImageId.parse(id).hex();
    return index
        .find(imageId)
        .flatMap(
            entry ->
                entry.isPresent()
                    ? Mono.just(
                        new ImageStatus(imageId, entry.get().status(), entry.get().failureReason()))
                    : store
                        .originalExists(imageId)
                        .map(
                            stored -> {
                              if (!stored) {
                                throw new ResponseStatusException(
                                    HttpStatus.NOT_FOUND, "No image with id " + imageId + ".");
                              }
                              return new ImageStatus(imageId, "stored", null);
                            }));
  }
}
