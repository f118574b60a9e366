package dev.imagesearch.ingestservice.reconcile;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.ingestservice.events.EventPublisher;
import dev.imagesearch.ingestservice.events.OriginalMetadata;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.storage.StoredOriginal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Announces originals that were stored but never announced: an upload answered 503 because Kafka
 * was away leaves its original without a "published" marker, and the client may never retry. The
 * stored original is the outbox; the marker says it was sent.
 *
 * <p>Every replica scans, soon after start and then periodically, at random offsets so that they
 * seldom scan together. When they do, or when a client retries at the same moment, an image is
 * announced twice, which costs the worker work but changes nothing: it is idempotent per image id.
 */
@Component
class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final ImageStore store;
  private final EventPublisher events;
  private final ReconcilerProperties properties;
  private final Clock clock;
  private final Counter announced;
  private Disposable loop;

  Reconciler(
      ImageStore store,
      EventPublisher events,
      ReconcilerProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
    this.announced =
        Counter.builder("imagesearch.reconciler.announced")
            .description("Stored originals the reconciler announced because their upload had not")
            .register(meters);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!properties.enabled()) {
      log.info("The reconciler is off: an upload that Kafka missed waits for the client's retry.");
      return;
    }
    Mono<Void> scanThenWait =
        Mono.defer(this::scan).then(Mono.defer(() -> Mono.delay(jitter(0.75, 1.25))).then());
    loop = Mono.delay(jitter(0, 0.1)).then(scanThenWait.repeat().then()).subscribe();
  }

  @PreDestroy
  void stop() {
    if (loop != null) {
      loop.dispose();
    }
  }

  /**
   * One pass over the bucket. Kafka or S3 being away ends it (the next pass tries again); an
   * original that cannot be announced is logged and passed over, so it never blocks the others.
   */
  Mono<Void> scan() {
    return store
        .unpublishedOriginals(clock.instant().minus(properties.gracePeriod()))
        .concatMap(this::announce)
        .count()
        .doOnNext(n -> log.debug("Reconciler pass done: {} image(s) announced", n))
        .onErrorResume(
            e -> {
              log.warn("Reconciler pass stopped; the next one tries again: {}", e.toString());
              return Mono.empty();
            })
        .then();
  }

  private Mono<String> announce(String id) {
    return store
        .isPublished(id)
        // Announced since the listing, by the client's retry or another replica.
        .filter(published -> !published)
        // Empty when the image was deleted since the listing.
        .flatMap(unpublished -> store.describeOriginal(id))
        .flatMap(original -> announce(id, original));
  }

  private Mono<String> announce(String id, StoredOriginal original) {
    ImageUploaded event;
    try {
      event = OriginalMetadata.event(id, store.bucket(), original);
    } catch (RuntimeException e) {
      log.error(
          "Image {} has an original that cannot be announced, left as it is: {}", id, e.toString());
      return Mono.empty();
    }
    return events
        .publish(event)
        .then(store.markPublished(id))
        .thenReturn(id)
        .doOnSuccess(
            announcedId -> {
              announced.increment();
              log.info(
                  "Announced image {}: stored at {} but its upload never reached Kafka",
                  id,
                  original.lastModified());
            });
  }

  /** The interval times a random factor in [{@code from}, {@code to}). */
  private Duration jitter(double from, double to) {
    double factor = ThreadLocalRandom.current().nextDouble(from, to);
    return Duration.ofMillis((long) (properties.interval().toMillis() * factor));
  }
}
