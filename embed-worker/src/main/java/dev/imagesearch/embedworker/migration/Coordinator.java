package dev.imagesearch.embedworker.migration;

import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.migration.Migration;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.index.migration.Migrations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one migration while it holds its lease, a page at a time, each page ending with a
 * conditional write of the record that checkpoints the cursor and renews the lease; a write that
 * fails means another coordinator took over, and this one stops. Republishing a page after a crash
 * costs little: workers skip images already in the target.
 *
 * <p>ENUMERATING publishes a request per image of the source. VERIFYING waits until the requests
 * are consumed, then pages through the source again and requests each image that is neither in the
 * target nor deleted; a pass that finds none missing ends with the switch of the alias.
 */
class Coordinator {
  private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

  private final String me;
  private final Migrations migrations;
  private final ImageIndexVersions versions;
  private final ImageDeletions deletions;
  private final SourcePages pages;
  private final ReembedTopic topic;
  private final Duration lease;
  private Instant progressAt = Instant.EPOCH;

  Coordinator(
      String me,
      Migrations migrations,
      ImageIndexVersions versions,
      ImageDeletions deletions,
      SourcePages pages,
      ReembedTopic topic,
      Duration lease) {
    this.me = me;
    this.migrations = migrations;
    this.versions = versions;
    this.deletions = deletions;
    this.pages = pages;
    this.topic = topic;
    this.lease = lease;
  }

  /** Works on the migration for up to a third of the lease; returns the record as last written. */
  Optional<Migrations.Stored> work(Migrations.Stored stored) throws Exception {
    Optional<Migrations.Stored> held = migrations.lease(stored, me, lease, Instant.now());
    long until = System.nanoTime() + lease.toNanos() / 3;
    while (held.isPresent() && held.get().migration().running() && System.nanoTime() < until) {
      Migration before = held.get().migration();
      Optional<Migration> next = step(before);
      if (next.isEmpty()) {
        break; // waiting for workers: nothing to write
      }
      held = migrations.update(held.get(), next.get().leasedTo(me, Instant.now(), lease));
    }
    return held;
  }

  private Optional<Migration> step(Migration m) throws Exception {
    Instant now = Instant.now();
    if (m.state() == State.VERIFYING && m.cursor() == null && topic.lag() > 0) {
      return Optional.empty();
    }
    List<ImageReembedRequested> page = pages.after(m.from(), m.cursor(), m.to());
    Migration next;
    if (m.state() == State.ENUMERATING) {
      topic.publish(page);
      next =
          page.isEmpty()
              ? m.newPass(now)
              : m.publishedUpTo(page.getLast().imageId(), page.size(), now);
    } else if (!page.isEmpty()) {
      List<String> ids = page.stream().map(ImageReembedRequested::imageId).toList();
      Set<String> present = pages.present(m.to(), ids);
      Set<String> deleted = deletions.deleted(ids);
      List<ImageReembedRequested> missing =
          page.stream()
              .filter(r -> !present.contains(r.imageId()) && !deleted.contains(r.imageId()))
              .toList();
      topic.publish(missing);
      next = m.verifiedUpTo(page.getLast().imageId(), missing.size(), now);
    } else if (m.missing() > 0) {
      log.info("Migration into {}: {} images were missing, verifying again", m.to(), m.missing());
      next = m.newPass(now);
    } else {
      next = progress(switchAlias(m), now, true).inState(State.SWITCHED, now);
      log.info("Migration into {} complete: the alias now names it", m.to());
      return Optional.of(next);
    }
    return Optional.of(progress(next, now, false));
  }

  /**
   * Moves the alias from the source, unless it names the target already (a rollback's way back).
   */
  private Migration switchAlias(Migration m) {
    Optional<IndexVersion> serving = versions.serving();
    if (serving.isEmpty() || !serving.get().name().equals(m.to())) {
      versions.switchAlias(m.from(), m.to());
    }
    return m;
  }

  /** Done, total and rate, counted every few seconds, not every page. */
  private Migration progress(Migration m, Instant now, boolean force) throws Exception {
    if (!force && Duration.between(progressAt, now).compareTo(PROGRESS_EVERY) < 0) {
      return m;
    }
    long done = pages.count(m.to());
    // Since this coordinator's last count; a new coordinator keeps its predecessor's rate.
    double seconds = Duration.between(progressAt, now).toMillis() / 1000.0;
    double rate =
        progressAt.equals(Instant.EPOCH)
            ? m.ratePerSecond()
            : Math.max(0, done - m.done()) / Math.max(seconds, 0.001);
    progressAt = now;
    return m.progress(done, pages.count(m.from()), rate, now);
  }
}
