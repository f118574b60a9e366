package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.consume.EventBatch.Failed;
import dev.imagesearch.embedworker.consume.EventBatch.Pending;
import dev.imagesearch.embedworker.indexing.DuplicateFinder;
import dev.imagesearch.embedworker.indexing.IndexWriter;
import dev.imagesearch.embedworker.indexing.IndexWriter.Operation;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.models.Models;
import dev.imagesearch.index.ImageDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class ImageEventListener {
  static final String ID = "embed-worker";
  private static final Logger log = LoggerFactory.getLogger(ImageEventListener.class);

  private final ImagePipeline pipeline;
  private final DuplicateFinder duplicates;
  private final IndexWriter index;
  private final DeadLetterTopic deadLetters;
  private final Models models;
  private final WorkerMetrics metrics;
  private final Attempts attempts;
  private final ProgressWatch progress;
  private final int concurrency;

  ImageEventListener(
      ImagePipeline pipeline,
      DuplicateFinder duplicates,
      IndexWriter index,
      DeadLetterTopic deadLetters,
      Models models,
      WorkerMetrics metrics,
      Attempts attempts,
      ProgressWatch progress,
      WorkerProperties properties) {
    this.pipeline = pipeline;
    this.duplicates = duplicates;
    this.index = index;
    this.deadLetters = deadLetters;
    this.models = models;
    this.metrics = metrics;
    this.attempts = attempts;
    this.progress = progress;
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
    ProgressWatch.Batch inFlight = progress.started(records.size());
    try {
      handle(records, consumer);
    } finally {
      inFlight.end();
    }
  }

  private void handle(List<ConsumerRecord<String, ImageEvent>> records, Consumer<?, ?> consumer)
      throws Exception {
    long start = System.nanoTime();
    metrics.batch(records.size());
    EventBatch batch = EventBatch.of(records);
    long indexed;
    long attemptsStart = System.nanoTime();
    boolean oneByOne = attempts.beginBatch(batch.uploads().stream().map(Pending::id).toList());
    metrics.stage("attempts").record(System.nanoTime() - attemptsStart, TimeUnit.NANOSECONDS);
    if (oneByOne) {
      log.warn(
          "A worker began this batch of {} events before and never finished it: processing its"
              + " images one at a time",
          records.size());
      indexed = 0;
      for (Pending upload : batch.uploads()) {
        indexed += write(List.of(alone(upload)), List.of(), List.of(), batch, consumer);
      }
      write(List.of(), batch.operations(), batch.malformed(), batch, consumer);
    } else {
      indexed =
          write(process(batch.uploads()), batch.operations(), batch.malformed(), batch, consumer);
    }
    long took = System.nanoTime() - start;
    metrics.stage("batch").record(took, TimeUnit.NANOSECONDS);
    log.debug(
        "Batch of {} events: {} indexed in {} ms",
        records.size(),
        indexed,
        TimeUnit.NANOSECONDS.toMillis(took));
  }

  private record Processed(Pending pending, ImagePipeline.Ready ready, PermanentFailure failure) {
    String id() {
      return pending.id();
    }
  }

  /** One image on its own, counted against it alone; quarantined once its attempts ran out. */
  private Processed alone(Pending upload) throws Exception {
    int count = attempts.beginAlone(upload.id());
    if (attempts.exhausted(count)) {
      return new Processed(upload, null, attempts.quarantine(count));
    }
    return process(List.of(upload)).getFirst();
  }

  /**
   * Writes the documents of the processed images and the other operations in one bulk request, then
   * sends the dead letters; returns how many images were indexed.
   */
  private long write(
      List<Processed> processed,
      List<Operation> decided,
      List<Failed> malformed,
      EventBatch batch,
      Consumer<?, ?> consumer)
      throws Exception {
    List<Operation> operations = new ArrayList<>(decided);
    List<Failed> failed = new ArrayList<>(malformed);
    Map<String, String> duplicateOf = timedDuplicates(processed);
    for (Processed p : processed) {
      if (p.ready() != null) {
        var r = p.ready();
        operations.add(
            new IndexWriter.Put(
                ImageDocument.indexed(
                    p.id(),
                    r.event().facts().withDimensions(r.width(), r.height()),
                    r.vectors().vgg16(),
                    r.vectors().clip(),
                    models.versions(),
                    r.exif().takenAt(),
                    r.exif().camera(),
                    r.exif().location(),
                    duplicateOf.get(p.id()))));
      } else {
        failed.add(new Failed(p.pending().record(), p.failure()));
        var event = (ImageUploaded) p.pending().event();
        operations.add(
            new IndexWriter.Put(
                ImageDocument.failed(p.id(), event.facts(), p.failure().describe())));
      }
      // A quarantined image keeps its record: delivered again, it is quarantined again at once.
      if (p.failure() == null || !Attempts.QUARANTINED.equals(p.failure().reason())) {
        operations.add(new IndexWriter.ClearAttempts(p.id()));
      }
    }
    long indexStart = System.nanoTime();
    List<IndexWriter.Rejected> rejected = index.write(operations);
    pipeline.forget(processed.stream().map(p -> (ImageUploaded) p.pending().event()).toList());
    attempts.finished(processed.stream().map(Processed::id).toList());
    metrics.stage("index").record(System.nanoTime() - indexStart, TimeUnit.NANOSECONDS);
    for (IndexWriter.Rejected r : rejected) {
      Pending pending = batch.latest().get(r.operation().id());
      // A record of attempts left behind only makes a later batch go one image at a time.
      if (pending != null && !(r.operation() instanceof IndexWriter.ClearAttempts)) {
        failed.add(
            new Failed(
                pending.record(),
                new PermanentFailure(PermanentFailure.Reasons.INDEX_REJECTED, r.reason())));
      }
    }
    for (Failed f : failed) {
      deadLetters.send(f.record(), f.failure(), consumer);
    }
    long written =
        processed.stream().filter(p -> p.ready() != null).count()
            - rejected.stream().filter(r -> r.operation() instanceof IndexWriter.Put).count();
    metrics.indexed((int) Math.max(0, written));
    metrics.deleted((int) operations.stream().filter(IndexWriter.Delete.class::isInstance).count());
    return Math.max(0, written);
  }

  /** Every upload of the batch, concurrently; one bad image never fails the others. */
  private List<Processed> process(List<Pending> uploads) {
    if (uploads.isEmpty()) {
      return List.of();
    }
    return Flux.fromIterable(uploads)
        .flatMapSequential(
            pending ->
                pipeline
                    .process((ImageUploaded) pending.event())
                    .map(ready -> new Processed(pending, ready, null))
                    .onErrorResume(
                        PermanentFailure.class,
                        failure -> Mono.just(new Processed(pending, null, failure))),
            concurrency)
        .collectList()
        .block();
  }

  private Map<String, String> timedDuplicates(List<Processed> processed) throws Exception {
    List<DuplicateFinder.Candidate> candidates =
        processed.stream()
            .filter(p -> p.ready() != null)
            .map(p -> new DuplicateFinder.Candidate(p.id(), p.ready().vectors().clip()))
            .toList();
    if (candidates.isEmpty()) {
      return Map.of();
    }
    long start = System.nanoTime();
    try {
      return duplicates.duplicates(candidates);
    } finally {
      metrics.stage("duplicates").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
