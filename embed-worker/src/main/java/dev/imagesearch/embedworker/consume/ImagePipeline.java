package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.consume.PermanentFailure.Reasons;
import dev.imagesearch.embedworker.exif.Exif;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.models.ModelBatcher;
import dev.imagesearch.imaging.DecodeBudget;
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
  record Ready(ImageUploaded event, ImageVectors vectors, int width, int height, Exif exif) {}

  private final ImageStore store;
  private final ModelBatcher batcher;
  private final ImagePartsDecoder parts;
  private final DecodeBudget fetched;
  private final Duration budgetWait;
  private final WorkerMetrics metrics;
  private final ImageSpans spans;
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
      ImagePartsDecoder parts,
      WorkerProperties properties,
      WorkerMetrics metrics,
      ImageSpans spans) {
    this.store = store;
    this.batcher = batcher;
    this.parts = parts;
    this.fetched = DecodeBudget.ofHeap(properties.fetchBudget());
    this.budgetWait = properties.decodeWait();
    this.metrics = metrics;
    this.spans = spans;
    log.info(
        "Decode budget {} MB, fetch budget {} MB (of a {} MB heap)",
        parts.budgetBytes() >> 20,
        fetched.bytes() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
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

  private Mono<ImageParts> fetchAndDerive(String id) {
    return timed(metrics.stage("fetch"), Mono.defer(() -> store.getOriginal(id)))
        .onErrorMap(
            ImageStore::isMissingObject,
            e ->
                new PermanentFailure(
                    PermanentFailure.Reasons.MISSING_OBJECT,
                    "the original " + ImageStore.originalKey(id) + " is not in the store"))
        .publishOn(cpu)
        // Its decoder's warnings name the image and its trace.
        .map(bytes -> spans.about(id, () -> parts.decode(bytes)));
  }

  /** The batch was written: its images will not be retried. */
  void forget(List<ImageUploaded> events) {
    events.forEach(event -> ready.remove(key(event)));
  }

  private static String key(ImageUploaded event) {
    return event.imageId() + "/" + event.eventId();
  }

  private Mono<Ready> finish(ImageUploaded event, ImageParts derived, ImageVectors vectors) {
    Ready ready = new Ready(event, vectors, derived.width(), derived.height(), derived.exif());
    return timed(
            metrics.stage("store-thumbnail"),
            store.putThumbnail(event.imageId(), derived.thumbnail()))
        .thenReturn(ready);
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
