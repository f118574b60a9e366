package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.consume.EventBatch.Pending;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.index.ImageDocument;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns one Kafka batch into one bulk write. Returning commits the batch's offsets, so it returns
 * only after Elasticsearch acknowledged and the dead letters were sent; throwing means "transient,
 * retry the batch" (see {@link KafkaConfiguration}). A batch that a worker began before and never
 * finished goes one image at a time ({@link Attempts}).
 */
@Component
public class ImageEventListener {
  public static final String ID = "embed-worker";
  private static final Logger log = LoggerFactory.getLogger(ImageEventListener.class);

  private final ImagePipeline pipeline;
  private final BatchWriter writer;
  private final WorkerMetrics metrics;
  private final Attempts attempts;
  private final ProgressWatch progress;
  private final ImageSpans spans;
  private final int concurrency;

  ImageEventListener(
      ImagePipeline pipeline,
      BatchWriter writer,
      WorkerMetrics metrics,
      Attempts attempts,
      ProgressWatch progress,
      ImageSpans spans,
      WorkerProperties properties) {
    this.pipeline = pipeline;
    this.writer = writer;
    this.metrics = metrics;
    this.attempts = attempts;
    this.progress = progress;
    this.spans = spans;
    this.concurrency = properties.fetchConcurrency();
  }

  @KafkaListener(
      id = ID,
      // The group comes from spring.kafka.consumer.group-id, not from the listener id.
      idIsGroup = false,
      topics = Topics.IMAGES,
      containerFactory = "imageEventListenerFactory",
      autoStartup = "${imagesearch.worker.listen:true}")
  void onEvents(List<ConsumerRecord<String, ImageEvent>> records, Consumer<?, ?> consumer)
      throws Exception {
    process(EventBatch.of(records), consumer);
  }

  /**
   * One batch of re-embed requests, as uploads, and the failures they copy ({@link EventBatch}).
   */
  void reembed(
      List<ConsumerRecord<String, ImageEvent>> records,
      List<ImageDocument> copied,
      Consumer<?, ?> consumer)
      throws Exception {
    process(EventBatch.reembed(records, copied), consumer);
  }

  private void process(EventBatch batch, Consumer<?, ?> consumer) throws Exception {
    if (batch.events() == 0) {
      return;
    }
    ProgressWatch.Batch inFlight = progress.started(batch.events());
    spans.start(batch.uploads());
    try {
      handle(batch, consumer);
    } finally {
      spans.end(batch.uploads());
      inFlight.end();
    }
  }

  private void handle(EventBatch batch, Consumer<?, ?> consumer) throws Exception {
    long start = System.nanoTime();
    metrics.batch(batch.events());
    long indexed;
    long attemptsStart = System.nanoTime();
    boolean oneByOne = attempts.beginBatch(batch.uploads().stream().map(Pending::id).toList());
    metrics.stage("attempts").record(System.nanoTime() - attemptsStart, TimeUnit.NANOSECONDS);
    if (oneByOne) {
      log.warn(
          "A worker began this batch of {} events before and never finished it: processing its"
              + " images one at a time",
          batch.events());
      indexed = 0;
      for (Pending upload : batch.uploads()) {
        indexed += writer.write(List.of(alone(upload)), List.of(), List.of(), batch, consumer);
      }
      writer.write(List.of(), batch.operations(), batch.malformed(), batch, consumer);
    } else {
      indexed =
          writer.write(
              process(batch.uploads()), batch.operations(), batch.malformed(), batch, consumer);
    }
    long took = System.nanoTime() - start;
    metrics.stage("batch").record(took, TimeUnit.NANOSECONDS);
    log.debug(
        "Batch of {} events: {} indexed in {} ms",
        batch.events(),
        indexed,
        TimeUnit.NANOSECONDS.toMillis(took));
  }

  /** One image on its own, counted against it alone; quarantined once its attempts ran out. */
  private ProcessedImage alone(Pending upload) throws Exception {
    int count = attempts.beginAlone(upload.id());
    if (attempts.exhausted(count)) {
      return new ProcessedImage(upload, null, attempts.quarantine(count));
    }
    return process(List.of(upload)).getFirst();
  }

  /** Every upload of the batch, concurrently; one bad image never fails the others. */
  private List<ProcessedImage> process(List<Pending> uploads) {
    if (uploads.isEmpty()) {
      return List.of();
    }
    return Flux.fromIterable(uploads)
        .flatMapSequential(
            pending ->
                pipeline
                    .process((ImageUploaded) pending.event())
                    .map(ready -> new ProcessedImage(pending, ready, null))
                    .onErrorResume(
                        PermanentFailure.class,
                        failure -> Mono.just(new ProcessedImage(pending, null, failure))),
            concurrency)
        .collectList()
        .block();
  }
}
