package dev.imagesearch.embedworker.consume;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageAttempts;
import dev.imagesearch.index.IndexProperties;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Counts, durably, how often processing of an image began without an end, so an image that kills or
 * wedges workers is quarantined instead of retried forever (decision 0005).
 *
 * <p>A batch normally costs one request ({@link #beginBatch}), which records a first attempt for
 * each image. When an image of the batch was begun before and never finished, a worker died or
 * stalled on that batch: the listener then goes one image at a time, counting each image's attempt
 * right before its own processing ({@link #beginAlone}), so a further death is counted against the
 * culprit alone and its batch-mates are never quarantined for it.
 */
@Component
class Attempts {
  static final String QUARANTINED = "QUARANTINED";
  private static final int REMEMBERED = 4096;

  private final ImageAttempts store;
  private final int quarantineAfter;
  // The count as this process left it, per image this process counted and has not finished: a
  // transient failure retries the batch in the same process, and that is no new death.
  private final Map<String, Integer> counted = new ConcurrentHashMap<>();

  Attempts(ElasticsearchAsyncClient client, WorkerProperties properties, IndexProperties index)
      throws InterruptedException, ExecutionException, TimeoutException {
    this.store = new ImageAttempts(client, properties.requestTimeout());
    this.quarantineAfter = properties.quarantineAfter();
    store.ensureExists(index.replicas());
  }

  /**
   * Records a first attempt of each image; true when some image was begun before without an end, so
   * the batch must go one image at a time.
   */
  boolean beginBatch(List<String> ids)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> unknown = ids.stream().filter(id -> !counted.containsKey(id)).toList();
    Set<String> unfinished = store.begin(unknown);
    for (String id : unknown) {
      if (!unfinished.contains(id)) {
        remember(id, 1);
      }
    }
    return !unfinished.isEmpty() || ids.stream().anyMatch(id -> counted.getOrDefault(id, 1) > 1);
  }

  /**
   * Right before one image is processed on its own: counts this attempt unless this process already
   * did, and returns the count, this attempt included.
   */
  int beginAlone(String id) throws InterruptedException, ExecutionException, TimeoutException {
    Integer known = counted.get(id);
    if (known != null) {
      return known;
    }
    int count = store.bump(id);
    remember(id, count);
    return count;
  }

  /** True when the attempts before this one all ended in a death or a stall. */
  boolean exhausted(int count) {
    return count - 1 >= quarantineAfter;
  }

  PermanentFailure quarantine(int count) {
    return new PermanentFailure(
        QUARANTINED,
        "processing this image began "
            + (count - 1)
            + " times before and never ended: the worker died or stalled each time. It is not"
            + " tried again (delete the image, or its record in "
            + ImageAttempts.INDEX
            + ", to change that)");
  }

  /** Their results are written: a later batch starts counting afresh. */
  void finished(Collection<String> ids) {
    ids.forEach(counted::remove);
  }

  private void remember(String id, int count) {
    if (counted.size() >= REMEMBERED) {
      counted.clear(); // only a bound: entries are normally taken back by finished()
    }
    counted.put(id, count);
  }
}
