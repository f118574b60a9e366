package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.consume.PermanentFailure.Reasons;
import dev.imagesearch.embedworker.exif.Exif;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.models.Crops;
import dev.imagesearch.embedworker.models.ModelBatcher;
import dev.imagesearch.embedworker.models.ModelBatcher.Vectors;
import dev.imagesearch.embedworker.models.Models;
import dev.imagesearch.embedworker.thumbnails.Thumbnails;
import dev.imagesearch.imaging.DecodeBudget;
import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.storage.ImageStore;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One uploaded image from S3 to a ready document: fetch, decode, vectors (batched with other
 * images), thumbnail, EXIF. Images of a batch flow through concurrently, so while the models work
 * on some, others are being fetched and decoded.
 *
 * <p>Memory is bounded by design: an original is fetched only once its size is reserved in the
 * fetch budget, and decoded only once its cost, from the header, is reserved in the decode budget;
 * everything later steps need (the models' crops, the thumbnail, the size, the EXIF) is derived
 * inside those reservations, and only those small parts wait for a model batch.
 */
@Component
class ImagePipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImagePipeline.class);

  /** What the pipeline made of one image; the duplicate check comes after, per batch. */
  record Ready(ImageUploaded event, Vectors vectors, int width, int height, Exif exif) {}

  private final ImageStore store;
  private final ModelBatcher batcher;
  private final Models models;
  private final ImageDecoder decoder;
  private final DecodeBudget budget;
  private final DecodeBudget fetched;
  private final Duration budgetWait;
  private final Thumbnails thumbnails;
  private final WorkerMetrics metrics;
  // Images already made ready, kept until their batch is written: when a transient failure (say
  // Elasticsearch away) makes the batch run again, they skip fetching and inference.
  private static final int READY_CAPACITY = 4096;
  private final Map<String, Ready> ready = new ConcurrentHashMap<>();
  // Decoding and thumbnails are CPU work: one thread per core, apart from Kafka's and Netty's.
  private final Scheduler cpu =
      Schedulers.newParallel("decode", Runtime.getRuntime().availableProcessors());

  ImagePipeline(
      ImageStore store,
      ModelBatcher batcher,
      Models models,
      WorkerProperties properties,
      WorkerMetrics metrics) {
    this.store = store;
    this.batcher = batcher;
    this.models = models;
    this.decoder = new ImageDecoder(properties.maxPixels());
    this.budget = DecodeBudget.ofHeap(properties.decodeBudget());
    this.fetched = DecodeBudget.ofHeap(properties.fetchBudget());
    this.budgetWait = properties.decodeWait();
    this.thumbnails = new Thumbnails(properties.thumbnailSize());
    this.metrics = metrics;
    log.info(
        "Decode budget {} MB, fetch budget {} MB (of a {} MB heap)",
        budget.bytes() >> 20,
        fetched.bytes() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    if (budget.bytes() < decoder.maxDecodeBytes()) {
      log.warn(
          "The decode budget ({} MB, imagesearch.worker.decode-budget={} of the heap) is smaller"
              + " than the costliest image the ingest-service accepts ({} MB): such images run"
              + " alone and may run out of memory. Give the worker a larger heap (-Xmx).",
          budget.bytes() >> 20,
          properties.decodeBudget(),
          decoder.maxDecodeBytes() >> 20);
    }
  }

  /**
   * Completes with the ready image, or with {@link PermanentFailure} when the image can never be
   * indexed; any other error is transient (S3 unreachable, ...) and fails the batch for a retry.
   */
  Mono<Ready> process(ImageUploaded event) {
    String id = event.imageId();
    Ready earlier = ready.get(key(event));
    if (earlier != null) {
      return Mono.just(earlier);
    }
    return Mono.usingWhen(
            reserveFetch(Math.max(0, event.facts().sizeBytes())),
            permit -> fetchAndDerive(id),
            permit -> Mono.fromRunnable(permit::close))
        .flatMap(
            derived ->
                Mono.fromFuture(() -> batcher.embed(derived.crops()))
                    .onErrorMap(
                        ModelBatcher.ImageRejected.class,
                        e -> new PermanentFailure(Reasons.INFERENCE_FAILED, e.getMessage(), e))
                    .flatMap(vectors -> finish(event, derived, vectors)))
        .doOnNext(
            done -> {
              if (ready.size() >= READY_CAPACITY) {
                ready.clear(); // only a bound: entries are normally taken back by forget()
              }
              ready.put(key(event), done);
            });
  }

  /**
   * The original's bytes, held from the fetch until its small parts are derived, so that originals
   * fetched ahead of the decoders are bounded too. Reserved before the decode budget and never
   * while holding it, so waiting for one never blocks the other.
   */
  private Mono<DecodeBudget.Permit> reserveFetch(long bytes) {
    return Mono.fromCallable(() -> fetched.acquire(bytes, budgetWait))
        .subscribeOn(Schedulers.boundedElastic()) // a blocking wait, off the event loops
        .doOnDiscard(DecodeBudget.Permit.class, DecodeBudget.Permit::close) // cancelled meanwhile
        .onErrorMap(
            DecodeBudget.Exhausted.class, e -> new IllegalStateException(e.getMessage(), e));
  }

  private Mono<Derived> fetchAndDerive(String id) {
    return timed(metrics.stage("fetch"), Mono.defer(() -> store.getOriginal(id)))
        .onErrorMap(
            ImageStore::isMissingObject,
            e ->
                new PermanentFailure(
                    PermanentFailure.Reasons.MISSING_OBJECT,
                    "the original " + ImageStore.originalKey(id) + " is not in the store"))
        .publishOn(cpu)
        .map(this::derive);
  }

  /** The batch was written: its images will not be retried. */
  void forget(List<ImageUploaded> events) {
    events.forEach(event -> ready.remove(key(event)));
  }

  private static String key(ImageUploaded event) {
    return event.imageId() + "/" + event.eventId();
  }

  /** The small parts of an image that outlive its decoding. */
  private record Derived(Crops crops, byte[] thumbnail, int width, int height, Exif exif) {}

  private Mono<Ready> finish(ImageUploaded event, Derived derived, Vectors vectors) {
    Ready ready = new Ready(event, vectors, derived.width(), derived.height(), derived.exif());
    return timed(
            metrics.stage("store-thumbnail"),
            store.putThumbnail(event.imageId(), derived.thumbnail()))
        .thenReturn(ready);
  }

  /**
   * Decodes within a budget reservation and keeps only what later steps need. Runs synchronously on
   * a decode thread, so the reservation is always given back. Any Throwable of this image's own
   * work (an OutOfMemoryError, a StackOverflowError in a decoder) fails this image alone: Reactor
   * never delivers JVM Errors as signals, so one escaping here would leave the batch waiting
   * forever.
   */
  private Derived derive(byte[] bytes) {
    try {
      long cost = decoder.cost(bytes);
      DecodeBudget.Permit permit = budget.acquire(cost, budgetWait);
      try {
        long start = System.nanoTime();
        RgbImage image = decoder.decode(bytes);
        metrics.stage("decode").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        start = System.nanoTime();
        Crops crops = models.crops(image);
        byte[] thumbnail = thumbnail(image);
        Exif exif = Exif.read(bytes);
        metrics.stage("thumbnail").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return new Derived(crops, thumbnail, image.width(), image.height(), exif);
      } finally {
        permit.close();
      }
    } catch (ImageDecodeException e) {
      throw new PermanentFailure(e.reason().name(), e.getMessage(), e);
    } catch (DecodeBudget.Exhausted e) {
      throw new IllegalStateException(e.getMessage(), e); // transient: the batch is retried
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the decode budget", e);
    } catch (PermanentFailure e) {
      throw e;
    } catch (RuntimeException | Error e) {
      log.warn("Processing an image failed: {}", e.toString(), e);
      throw new PermanentFailure(
          Reasons.PROCESSING_ERROR, "processing the image failed with " + e, e);
    }
  }

  private byte[] thumbnail(RgbImage image) {
    try {
      return thumbnails.jpeg(image);
    } catch (RuntimeException e) {
      // Pure computation on an image that decoded: it would fail the same way on every retry.
      throw new PermanentFailure(Reasons.THUMBNAIL_FAILED, e.toString(), e);
    }
  }

  private static <T> Mono<T> timed(Timer timer, Mono<T> work) {
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          return work.doFinally(
              signal -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
  }

  @Override
  public void close() {
    cpu.dispose();
  }
}
