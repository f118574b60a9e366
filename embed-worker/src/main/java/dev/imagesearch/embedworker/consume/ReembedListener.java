package dev.imagesearch.embedworker.consume;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.indexing.IndexTarget;
import dev.imagesearch.index.ImageDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link Topics#REEMBED} while a model migration into this worker's index version runs
 * (the migration watcher starts and stops it). A request is skipped when it targets another
 * version, when the image is already there (a resumed migration costs little) or when it was
 * deleted; the others go through the upload path as re-embeds, with its retries, quarantine and
 * dead letters ({@link BatchWriter}), but for images whose upload event was malformed: those are
 * copied with their failure ({@link #copiesItsFailure}).
 */
@Component
public class ReembedListener {
  /** The listener container's id, for starting and stopping it. */
  public static final String ID = "embed-worker-reembed";

  private final ImageEventListener images;
  private final IndexTarget target;
  private final ElasticsearchAsyncClient client;
  private final Duration timeout;

  ReembedListener(
      ImageEventListener images,
      IndexTarget target,
      ElasticsearchAsyncClient client,
      WorkerProperties properties) {
    this.images = images;
    this.target = target;
    this.client = client;
    this.timeout = properties.requestTimeout();
  }

  /** The consumer group of the re-embed topic, beside the worker's own group. */
  public static String group(KafkaProperties kafka) {
    String workerGroup = kafka.getConsumer().getGroupId();
    return (workerGroup == null ? "embed-worker" : workerGroup) + "-reembed";
  }

  @KafkaListener(
      id = ID,
      idIsGroup = false,
      topics = Topics.REEMBED,
      containerFactory = "reembedListenerFactory",
      autoStartup = "false")
  void onRequests(
      List<ConsumerRecord<String, ImageReembedRequested>> records, Consumer<?, ?> consumer)
      throws Exception {
    List<String> ids =
        records.stream()
            .filter(r -> r.value() != null && target.name().equals(r.value().targetIndex()))
            .map(r -> r.value().imageId())
            .toList();
    Set<String> skipped = present(ids);
    skipped.addAll(target.deletions().deleted(ids));
    List<ConsumerRecord<String, ImageEvent>> wanted = new ArrayList<>();
    List<ImageDocument> copied = new ArrayList<>();
    for (ConsumerRecord<String, ImageReembedRequested> record : records) {
      ImageReembedRequested request = record.value();
      if (request == null) {
        wanted.add(asUpload(record, null)); // malformed: a dead letter with the reason
      } else if (target.name().equals(request.targetIndex())
          && !skipped.contains(request.imageId())) {
        if (copiesItsFailure(request)) {
          copied.add(ImageDocument.failed(request.imageId(), request.failureReason()));
        } else {
          wanted.add(asUpload(record, request));
        }
      }
    }
    images.reembed(wanted, copied, consumer);
  }

  /**
   * An image whose upload event was malformed failed for its event, not its pixels: only its id is
   * known, so there is nothing to embed again, and the new version gets the same failure. Any other
   * failure is tried again with the new models, as the upload was.
   */
  private static boolean copiesItsFailure(ImageReembedRequested request) {
    String failure = request.failureReason();
    return failure != null && failure.startsWith(PermanentFailure.Reasons.MALFORMED_EVENT + ":");
  }

  /** The images already in this worker's version; realtime, so a write a moment ago counts. */
  private Set<String> present(List<String> ids) throws Exception {
    if (ids.isEmpty()) {
      return new java.util.HashSet<>();
    }
    return client
        .mget(m -> m.index(target.name()).ids(ids).source(s -> s.fetch(false)), Void.class)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .docs()
        .stream()
        .filter(d -> d.isResult() && d.result().found())
        .map(d -> d.result().id())
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  /**
   * The request as the upload it repeats, on its own topic and offset (so a dead letter goes to
   * {@link Topics#REEMBED_DLT}). Only a document made from a malformed event lacks the size; a
   * request for one from a coordinator that did not send {@code failureReason} also lacks {@code
   * uploadedAt}, so the check of the upload path fails it with a reason.
   */
  private static ConsumerRecord<String, ImageEvent> asUpload(
      ConsumerRecord<String, ImageReembedRequested> record, ImageReembedRequested request) {
    ImageEvent upload = null;
    if (request != null) {
      ImageFacts f = request.facts();
      ImageFacts sized =
          f.sizeBytes() != null
              ? f
              : new ImageFacts(
                  f.filename(),
                  f.collection(),
                  f.tags(),
                  f.caption(),
                  f.contentType(),
                  f.width(),
                  f.height(),
                  0L,
                  f.uploadedAt());
      upload =
          new ImageUploaded(
              ImageUploaded.SCHEMA_VERSION, request.eventId(), request.imageId(), sized);
    }
    return new ConsumerRecord<>(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.timestampType(),
        record.serializedKeySize(),
        record.serializedValueSize(),
        record.key(),
        upload,
        record.headers(),
        record.leaderEpoch());
  }
}
