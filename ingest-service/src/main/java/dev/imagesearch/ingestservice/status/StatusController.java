package dev.imagesearch.ingestservice.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.images.StatusQuery;
import dev.imagesearch.ingestservice.index.IndexLookup;
import dev.imagesearch.storage.ImageStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class StatusController {
  /** How many S3 existence checks one batch runs at once. */
  private static final int STORE_CHECKS = 16;

  private final IndexLookup index;
  private final ImageStore store;

  StatusController(IndexLookup index, ImageStore store) {
    this.index = index;
    this.store = store;
  }

  /** {@code reason} only when failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageStatus(String id, String status, String reason) {}

  record Statuses(List<ImageStatus> statuses) {}

  /**
   * The status of many images in one request, in the order asked, each id once: what the single
   * status says, and {@code unknown} for an id with nothing stored (where the single one is a 404).
   * One index read for all; S3 is asked only about the ids the index does not know yet.
   */
  @PostMapping("/api/images/status")
  Mono<Statuses> statuses(@RequestBody StatusQuery query) {
    if (query.ids().size() > StatusQuery.MAX_IDS) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "At most "
              + StatusQuery.MAX_IDS
              + " ids per status request, not "
              + query.ids().size()
              + "; ask for the rest in another request.");
    }
    List<String> ids =
        List.copyOf(
            new LinkedHashSet<>(query.ids().stream().map(id -> ImageId.parse(id).hex()).toList()));
    return index
        .findAll(ids)
        .flatMapMany(
            found ->
                Flux.fromIterable(ids).flatMapSequential(id -> status(id, found), STORE_CHECKS))
        .collectList()
        .map(Statuses::new);
  }

  private Mono<ImageStatus> status(String id, Map<String, IndexLookup.Entry> indexed) {
    IndexLookup.Entry entry = indexed.get(id);
    if (entry != null) {
      return Mono.just(new ImageStatus(id, entry.status(), entry.failureReason()));
    }
    return store
        .originalExists(id)
        .map(stored -> new ImageStatus(id, stored ? "stored" : "unknown", null));
  }

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
