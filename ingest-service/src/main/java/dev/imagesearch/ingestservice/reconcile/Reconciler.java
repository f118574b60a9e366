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
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Announces originals that were stored but never announced: an upload answered 503 because Kafka or
 * S3 was away, or dropped by its client, can leave its original without a "published" marker, and
 * the client may never retry. The stored original is the outbox; the marker says it was sent.
 *
 * <p>A pass lists the whole bucket, so it runs only when an orphan may exist: a grace period after
 * this replica started (a predecessor may have died mid-upload) or after an upload here failed, and
 * otherwise every {@code interval}, for orphans nobody saw fail. Replicas check at random offsets
 * so that they seldom pass together. When they do, or when a client retries at the same moment, an
 * image is announced twice, which costs the worker work but changes nothing: it is idempotent per
 * image id.
 */
@Component
public class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final ImageStore store;
  private final EventPublisher events;
  private final ReconcilerProperties properties;
  private final Clock clock;
  private final Counter announced;

  /** When the last upload failed here; null once a pass has covered it. */
  private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

  /** Touched by the loop only. */
  private Instant lastPass;

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

  /**
   * An upload stopped after its image was accepted (an error, or its client went away), so its
   * original may be stored without a marker: a pass follows once that original is past the grace
   * period.
   */
  public void uploadFailed() {
    lastFailure.set(clock.instant());
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!properties.enabled()) {
      log.info("The reconciler is off: an upload that Kafka missed waits for the client's retry.");
      return;
    }
    lastPass = clock.instant();
    uploadFailed(); // what a predecessor left behind is covered once it is past the grace period
    Duration tick =
        properties.gracePeriod().compareTo(properties.interval()) < 0
            ? properties.gracePeriod().dividedBy(4)
            : properties.interval().dividedBy(4);
    Mono<Void> checkThenWait =
        Mono.defer(this::passIfDue).then(Mono.defer(() -> Mono.delay(jitter(tick))).then());
    loop = Mono.delay(jitter(tick)).then(checkThenWait.repeat().then()).subscribe();
  }

  @PreDestroy
  void stop() {
    if (loop != null) {
      loop.dispose();
    }
  }

  private Mono<Void> passIfDue() {
    Instant now = clock.instant();
    Instant failure = lastFailure.get();
    boolean afterFailure = failure != null && !now.isBefore(failure.plus(properties.gracePeriod()));
    if (!afterFailure && now.isBefore(lastPass.plus(properties.interval()))) {
      return Mono.empty();
    }
    lastPass = now;
    return pass()
        .doOnSuccess(
            done -> {
              // Covered only when past the grace period now; a failure recorded since stays.
              if (afterFailure) {
                lastFailure.compareAndSet(failure, null);
              }
            })
        .onErrorResume(
            e -> {
              log.warn("Reconciler pass stopped; the next check tries again: {}", e.toString());
              return Mono.empty();
            });
  }

  /**
   * One pass over the bucket. Kafka or S3 being away ends it with an error (the next check tries
   * again); an original that cannot be announced is logged and passed over, so it never blocks the
   * others.
   */
  Mono<Void> pass() {
    return store
        .unpublishedOriginals(clock.instant().minus(properties.gracePeriod()))
        .concatMap(this::announce)
        .count()
        .doOnNext(n -> log.debug("Reconciler pass done: {} image(s) announced", n))
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
      event = OriginalMetadata.event(id, original);
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
                  "Announced image {}: stored at {} but never announced",
                  id,
                  original.lastModified());
            });
  }

  /** {@code base} give or take a quarter, at random. */
  private static Duration jitter(Duration base) {
    double factor = ThreadLocalRandom.current().nextDouble(0.75, 1.25);
    return Duration.ofMillis((long) (base.toMillis() * factor));
  }
}
