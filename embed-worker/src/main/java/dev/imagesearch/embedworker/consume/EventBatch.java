package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.embedworker.indexing.IndexWriter;
import dev.imagesearch.embedworker.indexing.IndexWriter.Operation;
import dev.imagesearch.index.ImageDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka batch sorted: the uploads to process, and what is already decided without processing
 * (deletions, malformed events, failures a re-embed copies).
 *
 * @param events how many events the batch holds
 * @param latest per image only its last event, which is what counts
 * @param uploads the uploads among them, in batch order
 * @param operations deletions, failed documents of malformed events and copied failures
 * @param malformed malformed events, for the dead letters
 * @param reembed the uploads are re-embed requests of a model migration ({@link ReembedListener}):
 *     they never replace a document and never revive a deleted image
 */
record EventBatch(
    int events,
    Map<String, Pending> latest,
    List<Pending> uploads,
    List<Operation> operations,
    List<Failed> malformed,
    boolean reembed) {

  record Pending(ConsumerRecord<String, ImageEvent> record, ImageEvent event) {
    String id() {
      return event.imageId();
    }
  }

  record Failed(ConsumerRecord<String, ImageEvent> record, PermanentFailure failure) {}

  static EventBatch of(List<ConsumerRecord<String, ImageEvent>> records) {
    return of(records, List.of(), false);
  }

  /**
   * Re-embed requests as the uploads they repeat, and the failed documents of the source version
   * that the re-embed copies without processing ({@link ReembedListener}).
   */
  static EventBatch reembed(
      List<ConsumerRecord<String, ImageEvent>> records, List<ImageDocument> copied) {
    return of(records, copied, true);
  }

  private static EventBatch of(
      List<ConsumerRecord<String, ImageEvent>> records,
      List<ImageDocument> copied,
      boolean reembed) {
    List<Operation> operations = new ArrayList<>();
    for (ImageDocument failure : copied) {
      operations.add(new IndexWriter.PutIfAbsent(failure));
    }
    List<Failed> malformed = new ArrayList<>();
    // Per image only the last event counts: Kafka keeps an image's events in order, so a later
    // deletion wins over an earlier upload and a re-upload over an earlier deletion.
    Map<String, Pending> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, ImageEvent> record : records) {
      try {
        ImageEvent event = EventCheck.valid(record);
        latest.remove(event.imageId());
        latest.put(event.imageId(), new Pending(record, event));
      } catch (PermanentFailure failure) {
        malformed.add(new Failed(record, failure));
        if (ImageId.isCanonical(record.key())) {
          operations.add(
              new IndexWriter.PutIfAbsent(ImageDocument.failed(record.key(), failure.describe())));
        }
      }
    }
    List<Pending> uploads = new ArrayList<>();
    for (Pending pending : latest.values()) {
      if (pending.event() instanceof ImageDeleted deleted) {
        operations.add(new IndexWriter.Delete(deleted.imageId()));
        // A deleted image is done with, quarantined or not.
        operations.add(new IndexWriter.ClearAttempts(deleted.imageId()));
      } else {
        uploads.add(pending);
      }
    }
    return new EventBatch(
        records.size() + copied.size(), latest, uploads, operations, malformed, reembed);
  }
}
