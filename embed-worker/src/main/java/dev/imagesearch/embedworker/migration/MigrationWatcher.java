package dev.imagesearch.embedworker.migration;

import dev.imagesearch.embedworker.consume.ImageEventListener;
import dev.imagesearch.embedworker.consume.ReembedListener;
import dev.imagesearch.embedworker.indexing.IndexTarget;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.migration.Migration;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.index.migration.Migrations;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Every worker looks at the migration into its own index version every tick: it starts one when the
 * alias serves other models, consumes the re-embed topic while one runs, and coordinates it while
 * it holds the lease ({@link Coordinator}). So any number of replicas share the re-embedding, one
 * at a time enumerates, and a dead coordinator is replaced once its lease runs out. It also purges
 * the tombstones that expired ({@link TombstonePurge}).
 */
class MigrationWatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(MigrationWatcher.class);

  private final IndexTarget target;
  private final Migrations migrations;
  private final Coordinator coordinator;
  private final TombstonePurge purge;
  private final ReembedTopic topic;
  private final KafkaListenerEndpointRegistry listeners;
  private final MigrationProperties properties;
  private volatile ScheduledExecutorService thread;
  private State reported;
  private boolean leftUploads;
  private boolean resumeUploads;

  MigrationWatcher(
      IndexTarget target,
      Migrations migrations,
      Coordinator coordinator,
      TombstonePurge purge,
      ReembedTopic topic,
      KafkaListenerEndpointRegistry listeners,
      MigrationProperties properties) {
    this.target = target;
    this.migrations = migrations;
    this.coordinator = coordinator;
    this.purge = purge;
    this.topic = topic;
    this.listeners = listeners;
    this.properties = properties;
  }

  void tick() {
    purge.tick(Instant.now());
    try {
      Optional<IndexVersion> serving = target.versions().serving();
      boolean leftover = serving.isPresent() && movedAway(serving.get());
      leaveUploads(leftover);
      Optional<Migrations.Stored> stored = migrations.get(target.name());
      if (stored.isEmpty() && !leftover) {
        stored = startIfNeeded(serving);
      }
      Optional<Migration> migration = stored.map(Migrations.Stored::migration);
      report(migration);
      if (migration.isEmpty() || !migration.get().running()) {
        consume(false);
        return;
      }
      topic.ensureExists();
      consume(true);
      coordinator.work(stored.get());
    } catch (Exception e) {
      if (thread == null || thread.isShutdown()) {
        return; // stopping: the request was interrupted on purpose
      }
      // Elasticsearch or Kafka away: the next tick tries again; nothing was half-written.
      log.warn("Model migration into {}: {}; trying again", target.name(), e.toString());
    }
  }

  /** A migration when the alias serves other models than this worker's. */
  private Optional<Migrations.Stored> startIfNeeded(Optional<IndexVersion> serving) {
    if (serving.isEmpty() || serving.get().name().equals(target.name())) {
      return Optional.empty();
    }
    return Optional.of(
        migrations.start(Migration.of(serving.get(), target.version(), Instant.now())));
  }

  /**
   * The serving version was migrated to from this worker's: this worker is a leftover of the old
   * models (a rolling update). Migrating back would undo what the operator asked for, and uploads
   * written into its own version would never be found, so it leaves them to the new workers.
   */
  private boolean movedAway(IndexVersion serving) {
    return !serving.name().equals(target.name())
        && migrations
            .get(serving.name())
            .map(Migrations.Stored::migration)
            .filter(m -> m.state() == State.SWITCHED && m.from().equals(target.name()))
            .isPresent();
  }

  /** Stops the upload listener of a leftover, and starts it again (only) if it stopped it. */
  private void leaveUploads(boolean leftover) {
    MessageListenerContainer container = listeners.getListenerContainer(ImageEventListener.ID);
    if (container == null || leftover == leftUploads) {
      return;
    }
    leftUploads = leftover;
    if (leftover) {
      log.error(
          "The collection moved on from {} to other models: this worker leaves uploads to the"
              + " workers that have them. Restart it with the serving version's models.",
          target.name());
      resumeUploads = container.isRunning();
      container.stop();
    } else if (resumeUploads) {
      log.info("{} serves again: this worker consumes uploads again", target.name());
      container.start();
    }
  }

  private void consume(boolean on) {
    MessageListenerContainer container = listeners.getListenerContainer(ReembedListener.ID);
    if (container != null && on != container.isRunning()) {
      if (on) {
        container.start();
      } else {
        container.stop();
      }
    }
  }

  private void report(Optional<Migration> migration) {
    State state = migration.map(Migration::state).orElse(null);
    if (state == reported) {
      return;
    }
    reported = state;
    if (state == State.ROLLED_BACK) {
      log.warn(
          "The migration into {} was rolled back, so this worker does not start it again; it"
              + " writes new uploads into {} only. Run `imagesearch models use` to start it again.",
          target.name(),
          target.name());
    } else if (state != null) {
      log.info("Model migration {} -> {}: {}", migration.get().from(), target.name(), state);
    }
  }

  @Override
  public synchronized void start() {
    thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "model-migration"));
    long tick = properties.tick().toMillis();
    thread.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
    topic.close();
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
