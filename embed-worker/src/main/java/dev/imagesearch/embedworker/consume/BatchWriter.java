package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.embedworker.consume.EventBatch.Failed;
import dev.imagesearch.embedworker.consume.EventBatch.Pending;
import dev.imagesearch.embedworker.indexing.DuplicateFinder;
import dev.imagesearch.embedworker.indexing.IndexWriter;
import dev.imagesearch.embedworker.indexing.IndexWriter.Operation;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ModelVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end of a batch: the documents of its processed images (indexed, or failed with the reason)
 * and its other operations in one bulk request, then the dead letters. Only once this returns may
 * the listener commit the batch's offsets.
 */
@Component
class BatchWriter {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final ImagePipeline pipeline;
  private final DuplicateFinder duplicates;
  private final IndexWriter index;
  private final DeadLetterTopic deadLetters;
  private final ModelVersions models;
  private final WorkerMetrics metrics;
  private final Attempts attempts;
  private final ImageSpans spans;

  BatchWriter(
      ImagePipeline pipeline,
      DuplicateFinder duplicates,
      IndexWriter index,
      DeadLetterTopic deadLetters,
      ModelVersions models,
      WorkerMetrics metrics,
      Attempts attempts,
      ImageSpans spans) {
    this.pipeline = pipeline;
    this.duplicates = duplicates;
    this.index = index;
    this.deadLetters = deadLetters;
    this.models = models;
    this.metrics = metrics;
    this.attempts = attempts;
    this.spans = spans;
  }

  /**
   * Writes the documents of the processed images and the other operations in one bulk request, then
   * sends the dead letters; returns how many images were indexed.
   */
  long write(
      List<ProcessedImage> processed,
      List<Operation> decided,
      List<Failed> malformed,
      EventBatch batch,
      Consumer<?, ?> consumer)
      throws Exception {
    List<Operation> operations = new ArrayList<>(decided);
    List<Failed> failed = new ArrayList<>(malformed);
    Map<String, String> duplicateOf = timedDuplicates(processed);
    for (ProcessedImage p : processed) {
      if (p.ready() != null) {
        var r = p.ready();
        operations.add(
            written(
                batch,
                ImageDocument.indexed(
                    p.id(),
                    r.event().facts().withDimensions(r.width(), r.height()),
                    r.vectors().vgg16(),
                    r.vectors().clip(),
                    models,
                    r.exif().takenAt(),
                    r.exif().camera(),
                    r.exif().location(),
                    duplicateOf.get(p.id()))));
      } else {
        failed.add(new Failed(p.pending().record(), p.failure()));
        operations.add(
            written(
                batch,
                ImageDocument.failed(
                    p.id(),
                    ((ImageUploaded) p.pending().event()).facts(),
                    p.failure().describe())));
      }
      if (!batch.reembed()) {
        operations.add(new IndexWriter.ForgetDeletion(p.id())); // uploaded again
      }
      // A quarantined image keeps its record: delivered again, it is quarantined again at once.
      if (p.failure() == null || !Attempts.QUARANTINED.equals(p.failure().reason())) {
        operations.add(new IndexWriter.ClearAttempts(p.id()));
      }
    }
    long indexStart = System.nanoTime();
    List<IndexWriter.Rejected> rejected =
        spans.bulkWrite(
            processed.stream().map(ProcessedImage::id).toList(), () -> index.write(operations));
    if (batch.reembed()) {
      retractDeleted(operations);
    }
    pipeline.forget(processed.stream().map(p -> (ImageUploaded) p.pending().event()).toList());
    attempts.finished(processed.stream().map(ProcessedImage::id).toList());
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
    if (log.isDebugEnabled()) {
      for (ProcessedImage p : processed) {
        String outcome = p.ready() != null ? "in the bulk write" : p.failure().describe();
        spans.about(p.id(), () -> log.debug("Image {}: {}", p.id(), outcome));
      }
    }
    long written =
        processed.stream().filter(p -> p.ready() != null).count()
            - rejected.stream().filter(r -> r.operation() instanceof IndexWriter.Put).count();
    metrics.indexed((int) Math.max(0, written));
    metrics.deleted((int) operations.stream().filter(IndexWriter.Delete.class::isInstance).count());
    return Math.max(0, written);
  }

  /**
   * An upload writes the document whole; a re-embed only where none is, so it never replaces what a
   * newer upload of the same image wrote into the new version.
   */
  private static Operation written(EventBatch batch, ImageDocument document) {
    return batch.reembed() ? new IndexWriter.PutIfAbsent(document) : new IndexWriter.Put(document);
  }

  /**
   * Deletes again the re-embedded images deleted meanwhile: a deletion processed between the
   * request's publication and this write found no document in the new version to delete. The
   * tombstone read is realtime, so a deletion either saw this document or left a tombstone here. A
   * re-embed writes only where no document is, so its writes are the {@code PutIfAbsent} ones.
   */
  private void retractDeleted(List<Operation> operations) throws Exception {
    List<String> ids =
        operations.stream()
            .filter(IndexWriter.PutIfAbsent.class::isInstance)
            .map(Operation::id)
            .toList();
    List<Operation> retract =
        index.deletions().deleted(ids).stream()
            .map(id -> (Operation) new IndexWriter.Delete(id))
            .toList();
    if (!retract.isEmpty()) {
      log.info("{} re-embedded images were deleted meanwhile: deleted again", retract.size());
      index.write(retract);
    }
  }

  private Map<String, String> timedDuplicates(List<ProcessedImage> processed) throws Exception {
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
