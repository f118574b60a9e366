package dev.imagesearch.ingestservice.deletion;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.ingestservice.events.EventPublisher;
import dev.imagesearch.storage.ImageStore;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
class DeleteController {
  private final ImageStore store;
  private final EventPublisher events;
  private final Clock clock;

  DeleteController(ImageStore store, EventPublisher events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  record Deleted(String id, String status) {}

  /**
   * Announces the deletion first, then removes the objects. If either step fails the image is still
   * there to delete again, so a retry finishes the job and the index never keeps an orphan.
   */
  @DeleteMapping("/api/images/{id}")
  Mono<ResponseEntity<Deleted>> delete(@PathVariable String id) {
    String imageId = ImageId.parse(id).hex();
    return Mono.zip(store.originalExists(imageId), store.isPublished(imageId))
        .flatMap(
            known -> {
              if (!known.getT1() && !known.getT2()) {
                return Mono.error(
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No image with id " + imageId + "."));
              }
              ImageDeleted event =
                  new ImageDeleted(
                      ImageDeleted.SCHEMA_VERSION, UUID.randomUUID(), imageId, clock.instant());
              return events
                  .publish(event)
                  .then(store.deleteAll(imageId))
                  .thenReturn(ResponseEntity.accepted().body(new Deleted(imageId, "deleted")));
            });
  }
}
