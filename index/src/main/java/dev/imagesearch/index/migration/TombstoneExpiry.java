package dev.imagesearch.index.migration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.index.migration.Migration.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a tombstone ({@link ImageDeletions}) may go: the one rule (decision 0029). A tombstone has
 * one reader, the re-embed of an image that a migration read from its source before the deletion
 * reached it. So it may go once no such request can exist or wait:
 *
 * <ul>
 *   <li>a running migration's requests come from pages read after it started, which no longer hold
 *       an image deleted before that start;
 *   <li>the requests of a migration that stopped (rolled back) wait on the topic until one runs
 *       into that version again: nothing goes while the topic holds requests not yet consumed;
 *   <li>the margin covers the source's refresh, clocks that differ between hosts, and a deposed
 *       coordinator that publishes its last page late.
 * </ul>
 */
public final class TombstoneExpiry {
  // The states in which Migration#running is true.
  private static final List<FieldValue> RUNNING =
      List.of(FieldValue.of(State.ENUMERATING.name()), FieldValue.of(State.VERIFYING.name()));

  private final ElasticsearchClient es;
  private final Duration margin;

  public TombstoneExpiry(ElasticsearchClient es, Duration margin) {
    this.es = es;
    this.margin = margin;
  }

  /**
   * Tombstones of deletions before this instant may go; empty while none may.
   *
   * @param unconsumedRequests re-embed requests published and not yet consumed, read before
   */
  public Optional<Instant> horizon(Instant now, long unconsumedRequests) {
    if (unconsumedRequests > 0) {
      return Optional.empty();
    }
    Instant since = runningSince().filter(now::isAfter).orElse(now);
    return Optional.of(since.minus(margin));
  }

  /** When the earliest running migration started; empty when none runs. */
  private Optional<Instant> runningSince() {
    try {
      return es
          .search(
              s ->
                  s.index(Migrations.INDEX)
                      .size(1)
                      .query(q -> q.terms(t -> t.field("state").terms(v -> v.value(RUNNING))))
                      .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Asc))),
              Migration.class)
          .hits()
          .hits()
          .stream()
          .findFirst()
          .map(hit -> hit.source().startedAt());
    } catch (ElasticsearchException e) {
      if (IndexErrors.indexMissing(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch is not reachable", e);
    }
  }
}
