package dev.imagesearch.embedworker.ingest;

import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.indexing.DuplicateFinder;
import dev.imagesearch.embedworker.indexing.IndexWriter;
import dev.imagesearch.embedworker.indexing.IndexWriter.Operation;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.models.Models;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * retry the batch" (see {@link KafkaConfiguration}).
 */
@Component
class ImageEventListener {
  private static final Logger log = LoggerFactory.getLogger(ImageEventListener.class);

  private final ImagePipeline pipeline;
  private final DuplicateFinder duplicates;
  private final IndexWriter index;
  private final DeadLetterTopic deadLetters;
  private final Models models;
  private final WorkerMetrics metrics;
  private final int concurrency;

  ImageEventListener(
      ImagePipeline pipeline,
      DuplicateFinder duplicates,
      IndexWriter index,
      DeadLetterTopic deadLetters,
      Models models,
      WorkerMetrics metrics,
      WorkerProperties properties) {
    this.pipeline = pipeline;
    this.duplicates = duplicates;
    this.index = index;
    this.deadLetters = deadLetters;
    this.models = models;
    this.metrics = metrics;
    this.concurrency = properties.fetchConcurrency();
  }

  private record Pending(ConsumerRecord<String, ImageEvent> record, ImageEvent event) {}

  private record Failed(ConsumerRecord<String, ImageEvent> record, PermanentFailure failure) {}

  @KafkaListener(
      id = "embed-worker",
      // The group comes from spring.kafka.consumer.group-id, not from the listener id.
      idIsGroup = false,
      topics = Topics.IMAGES,
      containerFactory = "imageEventListenerFactory",
      autoStartup = "${imagesearch.worker.listen:true}")
  void onEvents(List<ConsumerRecord<String, ImageEvent>> records, Consumer<?, ?> consumer)
      throws Exception {
    long start = System.nanoTime();
    metrics.batch(records.size());
    List<Operation> operations = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    // Per image only the last event counts: Kafka keeps an image's events in order, so a later
    // deletion wins over an earlier upload and a re-upload over an earlier deletion.
    Map<String, Pending> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, ImageEvent> record : records) {
      try {
        ImageEvent event = EventCheck.valid(record);
        latest.remove(event.imageId());
        latest.put(event.imageId(), new Pending(record, event));
      } catch (PermanentFailure malformed) {
        failed.add(new Failed(record, malformed));
        if (EventCheck.isImageId(record.key())) {
          operations.add(new IndexWriter.PutIfAbsent(Documents.failed(record.key(), malformed)));
        }
      }
    }
    List<Pending> uploads = new ArrayList<>();
    for (Pending pending : latest.values()) {
      if (pending.event() instanceof ImageDeleted deleted) {
        operations.add(new IndexWriter.Delete(deleted.imageId()));
      } else {
        uploads.add(pending);
      }
    }
    List<Processed> processed = process(uploads);
    List<DuplicateFinder.Candidate> candidates =
        processed.stream()
            .filter(p -> p.ready() != null)
            .map(p -> new DuplicateFinder.Candidate(p.id(), p.ready().vectors().clip()))
            .toList();
    Map<String, String> duplicateOf = timedDuplicates(candidates);
    for (Processed p : processed) {
      if (p.ready() != null) {
        var r = p.ready();
        operations.add(
            new IndexWriter.Put(
                Documents.indexed(
                    r.event(),
                    r.vectors(),
                    models.versions(),
                    r.width(),
                    r.height(),
                    r.exif(),
                    duplicateOf.get(p.id()))));
      } else {
        failed.add(new Failed(p.pending().record(), p.failure()));
        operations.add(
            new IndexWriter.Put(
                Documents.failed((ImageUploaded) p.pending().event(), p.failure())));
      }
    }
    long indexStart = System.nanoTime();
    List<IndexWriter.Rejected> rejected = index.write(operations);
    pipeline.forget(uploads.stream().map(p -> (ImageUploaded) p.event()).toList());
    metrics.stage("index").record(System.nanoTime() - indexStart, TimeUnit.NANOSECONDS);
    for (IndexWriter.Rejected r : rejected) {
      Pending pending = latest.get(r.operation().id());
      if (pending != null) {
        failed.add(
            new Failed(
                pending.record(),
                new PermanentFailure(PermanentFailure.Reasons.INDEX_REJECTED, r.reason())));
      }
    }
    for (Failed f : failed) {
      deadLetters.send(f.record(), f.failure(), consumer);
    }
    long written = processed.stream().filter(p -> p.ready() != null).count() - rejected.size();
    metrics.indexed((int) Math.max(0, written));
    metrics.deleted((int) operations.stream().filter(IndexWriter.Delete.class::isInstance).count());
    long took = System.nanoTime() - start;
    metrics.stage("batch").record(took, TimeUnit.NANOSECONDS);
    log.debug(
        "Batch of {} events: {} indexed, {} failed, {} operations in {} ms",
        records.size(),
        written,
        failed.size(),
        operations.size(),
        TimeUnit.NANOSECONDS.toMillis(took));
  }

  private record Processed(Pending pending, ImagePipeline.Ready ready, PermanentFailure failure) {
    String id() {
      return pending.event().imageId();
    }
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

  private Map<String, String> timedDuplicates(List<DuplicateFinder.Candidate> candidates)
      throws Exception {
    long start = System.nanoTime();
    try {
      return candidates.isEmpty() ? Map.of() : duplicates.duplicates(candidates);
    } finally {
      metrics.stage("duplicates").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
