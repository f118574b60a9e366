package dev.imagesearch.index.migration;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import dev.imagesearch.index.IndexErrors;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The store of {@link Migration}s: {@link #INDEX}, one document per target index (id = its name).
 * Every change is a conditional write on the version that was read (sequence number and primary
 * term), so two coordinators never both believe they hold the lease or both advance the cursor.
 */
public final class Migrations {
  public static final String INDEX = "image-migrations";

  private static final String MODELS =
      """
      {"properties": {"vgg16": {"type": "keyword"}, "clip": {"type": "keyword"}}}""";
  private static final String MAPPING =
      """
      {"mappings": {"dynamic": "strict", "properties": {
        "from": {"type": "keyword"}, "to": {"type": "keyword"},
        "fromModels": %s, "toModels": %s,
        "state": {"type": "keyword"}, "cursor": {"type": "keyword"},
        "published": {"type": "long"}, "total": {"type": "long"}, "done": {"type": "long"},
        "ratePerSecond": {"type": "double"},
        "startedAt": {"type": "date"}, "updatedAt": {"type": "date"},
        "switchedAt": {"type": "date"},
        "owner": {"type": "keyword"}, "leaseUntil": {"type": "date"},
        "missing": {"type": "long"}}}}
      """
          .formatted(MODELS, MODELS);

  /** A migration as read, with the version a conditional write names. */
  public record Stored(Migration migration, long seqNo, long primaryTerm) {}

  private final ElasticsearchClient es;

  public Migrations(ElasticsearchClient es) {
    this.es = es;
  }

  /**
   * Creates {@link #INDEX} (one shard: it holds one document per index version) unless it exists.
   */
  public void ensureExists(int replicas) {
    try {
      if (es.indices().exists(e -> e.index(INDEX)).value()) {
        return;
      }
      es.indices()
          .create(
              c ->
                  c.index(INDEX)
                      .withJson(new StringReader(MAPPING))
                      .settings(s -> s.numberOfShards("1").numberOfReplicas("" + replicas)));
    } catch (ElasticsearchException e) {
      if (!IndexErrors.alreadyExists(e)) {
        throw e;
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The migration into this index version, if one was ever started. */
  public Optional<Stored> get(String target) {
    return unless(
            IndexErrors::indexMissing,
            () -> es.get(g -> g.index(INDEX).id(target), Migration.class))
        .filter(found -> found.found())
        .map(found -> new Stored(found.source(), found.seqNo(), found.primaryTerm()));
  }

  /** The most recently started migration, in any state: what status pages show. */
  public Optional<Migration> latest() {
    return unless(
            IndexErrors::indexMissing,
            () ->
                es.search(
                    s ->
                        s.index(INDEX)
                            .size(1)
                            .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc))),
                    Migration.class))
        .flatMap(r -> r.hits().hits().stream().findFirst())
        .map(hit -> hit.source());
  }

  /**
   * Starts this migration unless one into the same index is running: then that one is returned, to
   * join. A finished or rolled-back one is replaced (a person asked again). A concurrent start is
   * fine: the loser reads the winner's.
   */
  public Stored start(Migration migration) {
    for (int tries = 0; tries < 5; tries++) {
      Optional<Stored> current = get(migration.to());
      if (current.isPresent() && current.get().migration().running()) {
        return current.get();
      }
      Optional<Stored> written =
          current.isPresent() ? update(current.get(), migration) : create(migration);
      if (written.isPresent()) {
        return written.get();
      }
    }
    throw new IllegalStateException(
        "The migration into " + migration.to() + " kept changing while starting it; try again.");
  }

  /** Writes {@code next} over {@code current}; empty when it changed since it was read. */
  public Optional<Stored> update(Stored current, Migration next) {
    return unless(
            IndexErrors::conflict,
            () ->
                es.index(
                    i ->
                        i.index(INDEX)
                            .id(next.to())
                            .document(next)
                            .ifSeqNo(current.seqNo())
                            .ifPrimaryTerm(current.primaryTerm())
                            .refresh(Refresh.True)))
        .map(written -> new Stored(next, written.seqNo(), written.primaryTerm()));
  }

  /**
   * Takes or renews the lease for {@code owner}; empty when another owner holds a lease that has
   * not run out, or when another process wrote first.
   */
  public Optional<Stored> lease(Stored current, String owner, Duration lease, Instant now) {
    if (!current.migration().leaseFree(owner, now)) {
      return Optional.empty();
    }
    return update(current, current.migration().leasedTo(owner, now, lease));
  }

  /** Removes the record, so that the next worker with those models starts the migration afresh. */
  public void forget(String target) {
    try {
      es.delete(d -> d.index(INDEX).id(target).refresh(Refresh.True));
    } catch (ElasticsearchException e) {
      if (!IndexErrors.indexMissing(e) && e.status() != 404) {
        throw e;
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private Optional<Stored> create(Migration migration) {
    return unless(
            IndexErrors::conflict,
            () ->
                es.create(
                    c ->
                        c.index(INDEX)
                            .id(migration.to())
                            .document(migration)
                            .refresh(Refresh.True)))
        .map(written -> new Stored(migration, written.seqNo(), written.primaryTerm()));
  }

  private interface Request<T> {
    T send() throws IOException;
  }

  /** The answer, or empty when Elasticsearch answered with the expected refusal. */
  private static <T> Optional<T> unless(Predicate<Throwable> expected, Request<T> request) {
    try {
      return Optional.of(request.send());
    } catch (ElasticsearchException e) {
      if (expected.test(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private static UncheckedIOException unreachable(IOException e) {
    return new UncheckedIOException("Elasticsearch is not reachable", e);
  }
}
