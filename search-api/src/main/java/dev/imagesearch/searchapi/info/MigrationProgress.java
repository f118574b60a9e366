package dev.imagesearch.searchapi.info;

import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.Migration;
import dev.imagesearch.index.migration.Migrations;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The model migration that runs now, from the store its coordinator writes (decision 0027). */
@Component
class MigrationProgress {
  /** The store's client blocks: its calls run on Reactor's threads for blocking work. */
  private static final Executor BLOCKING = task -> Schedulers.boundedElastic().schedule(task);

  /**
   * A running migration (decision 0027).
   *
   * @param done images in {@code to}
   * @param total images in {@code from}
   * @param etaSeconds null until a rate is known
   */
  record Progress(
      String from,
      String to,
      String state,
      long done,
      long total,
      double ratePerSecond,
      Long etaSeconds) {
    static Progress of(Migration m) {
      return new Progress(
          m.from(),
          m.to(),
          m.state().name(),
          m.done(),
          m.total(),
          m.ratePerSecond(),
          m.etaSeconds());
    }
  }

  private final Migrations migrations;

  MigrationProgress(SearchIndex index) {
    this.migrations = index.migrations();
  }

  /** The latest migration while it enumerates or verifies; empty once switched or rolled back. */
  Mono<Optional<Progress>> running() {
    return Es.call(() -> CompletableFuture.supplyAsync(migrations::latest, BLOCKING))
        .map(latest -> latest.filter(Migration::running).map(Progress::of));
  }
}
