package dev.imagesearch.ingestservice.upload;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.imaging.ImageInfo;
import dev.imagesearch.ingestservice.events.EventPublisher;
import dev.imagesearch.ingestservice.events.OriginalMetadata;
import dev.imagesearch.ingestservice.reconcile.Reconciler;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.web.ReceivedFile;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Stores each accepted image once and announces it once. The order is: original to S3, event to
 * Kafka, then the "published" marker. If Kafka fails, the marker is missing: a retry of the same
 * upload publishes again instead of passing for a duplicate, and without a retry the reconciler,
 * told of the failure, announces it once it is older than its grace period.
 */
@Service
class UploadService {
  private static final Logger log = LoggerFactory.getLogger(UploadService.class);

  private final ImageValidator validator;
  private final ImageStore store;
  private final EventPublisher events;
  private final Reconciler reconciler;
  private final Clock clock;
  private final UploadMetrics metrics;

  /** Uploads of the same bytes in flight in this process share one store-and-publish. */
  private final Map<String, Mono<UploadResult.Status>> inFlight = new ConcurrentHashMap<>();

  UploadService(
      ImageValidator validator,
      ImageStore store,
      EventPublisher events,
      Reconciler reconciler,
      Clock clock,
      UploadMetrics metrics) {
    this.validator = validator;
    this.store = store;
    this.events = events;
    this.reconciler = reconciler;
    this.clock = clock;
    this.metrics = metrics;
  }

  Mono<List<UploadResult>> upload(UploadParts.Request request) {
    return Flux.fromIterable(request.files())
        .concatMap(file -> upload(file, request.fields()))
        .collectList();
  }

  private Mono<UploadResult> upload(ReceivedFile file, UploadFields fields) {
    String filename = safeName(file.filename());
    return Mono.fromCallable(
            () -> new Checked(validator.validate(file), ImageId.of(file.bytes()).hex()))
        .subscribeOn(Schedulers.parallel())
        .flatMap(
            checked -> {
              Mono<UploadResult.Status> mine =
                  storeOnce(checked.id(), file, checked.info(), filename, fields)
                      .doFinally(
                          signal -> {
                            inFlight.remove(checked.id());
                            if (signal != SignalType.ON_COMPLETE) {
                              reconciler.uploadFailed();
                            }
                          })
                      .cache();
              Mono<UploadResult.Status> shared = inFlight.putIfAbsent(checked.id(), mine);
              Mono<UploadResult.Status> status =
                  shared == null ? mine : shared.thenReturn(UploadResult.Status.duplicate);
              return status.map(
                  s -> {
                    metrics.counted(s);
                    return new UploadResult(checked.id(), filename, s, null, null);
                  });
            })
        .onErrorResume(
            ImageValidator.Rejected.class,
            e -> Mono.just(UploadResult.rejected(filename, e.status().value(), e.getMessage())))
        .doOnNext(UploadService::log);
  }

  /** One line per file, with the image id in the log context (MDC) beside the trace id. */
  private static void log(UploadResult result) {
    if (result.id() == null) {
      log.info("Upload of '{}' rejected: {}", result.filename(), result.reason());
      return;
    }
    MDC.put(ImageId.LOG_KEY, result.id());
    try {
      log.info("Image {} ('{}'): {}", result.id(), result.filename(), result.status());
    } finally {
      MDC.remove(ImageId.LOG_KEY);
    }
  }

  /**
   * A new image costs two S3 writes: the conditional write of the original and the marker. Only
   * when the original was already there does the marker decide: published means duplicate; missing
   * means an earlier attempt stopped before Kafka took the event, so this one stores and publishes.
   */
  private Mono<UploadResult.Status> storeOnce(
      String id, ReceivedFile file, ImageInfo info, String filename, UploadFields fields) {
    ImageUploaded event = event(id, file, info, filename, fields, clock.instant());
    String type = info.format().mediaType();
    return metrics
        .s3(
            "put_original_if_absent",
            store.putOriginalIfAbsent(id, file.bytes(), type, OriginalMetadata.of(event.facts())))
        .flatMap(
            stored -> {
              if (stored) {
                metrics.stored(file.bytes().length);
                return publish(event);
              }
              return metrics
                  .s3("is_published", store.isPublished(id))
                  .flatMap(
                      published ->
                          published
                              ? Mono.just(UploadResult.Status.duplicate)
                              : metrics
                                  .s3(
                                      "put_original",
                                      store.putOriginal(
                                          id,
                                          file.bytes(),
                                          type,
                                          OriginalMetadata.of(event.facts())))
                                  .then(publish(event)));
            });
  }

  private Mono<UploadResult.Status> publish(ImageUploaded event) {
    return metrics
        .kafka(events.publish(event))
        .then(metrics.s3("mark_published", store.markPublished(event.imageId())))
        .thenReturn(UploadResult.Status.accepted);
  }

  private ImageUploaded event(
      String id,
      ReceivedFile file,
      ImageInfo info,
      String filename,
      UploadFields fields,
      Instant now) {
    return ImageUploaded.of(
        id,
        new ImageFacts(
            filename,
            fields.collection(),
            fields.tags(),
            fields.caption(),
            info.format().mediaType(),
            info.width(),
            info.height(),
            (long) file.bytes().length,
            now));
  }

  /** The last path segment only, without control characters, at most 255 characters. */
  static String safeName(String filename) {
    String name = filename == null ? "" : filename.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    name = name.length() > 255 ? name.substring(0, 255) : name;
    return name.isEmpty() ? "unnamed" : name;
  }

  private record Checked(ImageInfo info, String id) {}
}
