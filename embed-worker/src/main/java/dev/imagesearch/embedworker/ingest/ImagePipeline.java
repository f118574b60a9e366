package dev.imagesearch.embedworker.ingest;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.exif.Exif;
import dev.imagesearch.embedworker.ingest.PermanentFailure.Reasons;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.models.ModelBatcher;
import dev.imagesearch.embedworker.models.ModelBatcher.Vectors;
import dev.imagesearch.embedworker.thumbnails.Thumbnails;
import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.storage.ImageStore;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One uploaded image from S3 to a ready document: fetch, decode, vectors (batched with other
 * images), thumbnail, EXIF. Images of a batch flow through concurrently, so while the models work
 * on some, others are being fetched and decoded.
 */
@Component
class ImagePipeline implements AutoCloseable {
  /** What the pipeline made of one image; the duplicate check comes after, per batch. */
  record Ready(ImageUploaded event, Vectors vectors, int width, int height, Exif exif) {}

  private final ImageStore store;
  private final ModelBatcher batcher;
  private final ImageDecoder decoder;
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
      ImageStore store, ModelBatcher batcher, WorkerProperties properties, WorkerMetrics metrics) {
    this.store = store;
    this.batcher = batcher;
    this.decoder = new ImageDecoder(properties.maxPixels());
    this.thumbnails = new Thumbnails(properties.thumbnailSize());
    this.metrics = metrics;
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
    return timed(metrics.stage("fetch"), Mono.defer(() -> store.getOriginal(id)))
        .onErrorMap(
            ImageStore::isMissingObject,
            e ->
                new PermanentFailure(
                    PermanentFailure.Reasons.MISSING_OBJECT,
                    "the original " + ImageStore.originalKey(id) + " is not in the store"))
        .publishOn(cpu)
        .map(bytes -> new Fetched(bytes, decode(bytes)))
        .flatMap(
            fetched ->
                Mono.fromFuture(() -> batcher.embed(fetched.image()))
                    .onErrorMap(
                        ModelBatcher.ImageRejected.class,
                        e -> new PermanentFailure(Reasons.INFERENCE_FAILED, e.getMessage(), e))
                    .publishOn(cpu)
                    .flatMap(vectors -> finish(event, fetched, vectors)))
        .doOnNext(
            done -> {
              if (ready.size() >= READY_CAPACITY) {
                ready.clear(); // only a bound: entries are normally taken back by forget()
              }
              ready.put(key(event), done);
            });
  }

  /** The batch was written: its images will not be retried. */
  void forget(List<ImageUploaded> events) {
    events.forEach(event -> ready.remove(key(event)));
  }

  private static String key(ImageUploaded event) {
    return event.imageId() + "/" + event.eventId();
  }

  private record Fetched(byte[] bytes, RgbImage image) {}

  private Mono<Ready> finish(ImageUploaded event, Fetched fetched, Vectors vectors) {
    long start = System.nanoTime();
    byte[] jpeg;
    try {
      jpeg = thumbnails.jpeg(fetched.image());
    } catch (RuntimeException e) {
      // Pure computation on an image that decoded: it would fail the same way on every retry.
      throw new PermanentFailure(Reasons.THUMBNAIL_FAILED, e.toString(), e);
    }
    Exif exif = Exif.read(fetched.bytes());
    metrics.stage("thumbnail").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    Ready ready =
        new Ready(event, vectors, fetched.image().width(), fetched.image().height(), exif);
    return timed(metrics.stage("store-thumbnail"), store.putThumbnail(event.imageId(), jpeg))
        .thenReturn(ready);
  }

  private RgbImage decode(byte[] bytes) {
    long start = System.nanoTime();
    try {
      return decoder.decode(bytes);
    } catch (ImageDecodeException e) {
      throw new PermanentFailure(e.reason().name(), e.getMessage(), e);
    } finally {
      metrics.stage("decode").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
