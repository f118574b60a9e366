package dev.imagesearch.embedworker.migration;

import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.migration.TombstoneExpiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the tombstones that {@link TombstoneExpiry} lets go. Every worker runs it, every {@code
 * every}, whether a migration runs or not (deletions leave tombstones all the time): a search and a
 * conditional bulk delete on a small index, idempotent, so replicas need no lease to share it. One
 * run deletes at most {@link #BATCH}; a run that reached that many runs again at the next tick.
 */
class TombstonePurge {
  private static final Logger log = LoggerFactory.getLogger(TombstonePurge.class);
  // A few seconds of Elasticsearch's work, well within a request timeout.
  static final int BATCH = 5_000;

  private final ImageDeletions deletions;
  private final TombstoneExpiry expiry;
  private final ReembedTopic topic;
  private final Duration every;
  private Instant due = Instant.EPOCH;

  TombstonePurge(
      ImageDeletions deletions, TombstoneExpiry expiry, ReembedTopic topic, Duration every) {
    this.deletions = deletions;
    this.expiry = expiry;
    this.topic = topic;
    this.every = every;
  }

  /** Purges when due; a failure is logged and tried again at the next due time. */
  void tick(Instant now) {
    if (now.isBefore(due)) {
      return;
    }
    due = now.plus(every);
    try {
      if (purge(now) >= BATCH) {
        due = now;
      }
    } catch (Exception e) {
      log.warn("Tombstones not purged: {}; trying again in {}", e.toString(), every);
    }
  }

  /** Deletes the expired tombstones, up to {@link #BATCH}; returns how many. */
  long purge(Instant now) throws Exception {
    Optional<Instant> horizon = expiry.horizon(now, unconsumed());
    if (horizon.isEmpty()) {
      log.debug("Tombstones kept: the re-embed topic holds requests not yet consumed");
      return 0;
    }
    long deleted = deletions.purge(horizon.get(), BATCH);
    if (deleted > 0) {
      log.info("Purged {} tombstones of deletions before {}", deleted, horizon.get());
    }
    return deleted;
  }

  /** Re-embed requests not yet consumed; none before the first migration made the topic. */
  private long unconsumed() throws Exception {
    try {
      return topic.lag();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return 0;
      }
      throw e;
    }
  }
}
