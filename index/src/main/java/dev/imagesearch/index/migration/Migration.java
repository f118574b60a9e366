package dev.imagesearch.index.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A model migration: the re-embedding of every image of the index version {@code from} into the
 * version {@code to}, made for other models, then the move of the alias. One document per target
 * index in {@link Migrations#INDEX}; its only writer is the coordinator that holds the lease.
 *
 * @param cursor the last image id published, in id order: a new coordinator resumes after it
 * @param published re-embed requests published so far (by the enumeration; republished ones not)
 * @param total images in {@code from}, failed ones included
 * @param done images in {@code to}
 * @param ratePerSecond images arriving in {@code to} per second, lately
 * @param owner the coordinator holding the lease, until {@code leaseUntil}
 * @param missing images of {@code from} found missing in {@code to} by the current verification
 *     pass, and requested again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Migration(
    String from,
    String to,
    ModelVersions fromModels,
    ModelVersions toModels,
    State state,
    String cursor,
    long published,
    long total,
    long done,
    double ratePerSecond,
    Instant startedAt,
    Instant updatedAt,
    Instant switchedAt,
    String owner,
    Instant leaseUntil,
    long missing) {

  public enum State {
    /** Publishing a re-embed request per image of {@code from}, after {@code cursor}. */
    ENUMERATING,
    /**
     * Looking for images of {@code from} still missing in {@code to}, and requesting them again.
     */
    VERIFYING,
    /** The alias names {@code to}. */
    SWITCHED,
    /** Undone by a person ({@link Rollback}): no worker starts it again by itself. */
    ROLLED_BACK
  }

  /** A migration that has not begun. */
  public static Migration of(IndexVersion from, IndexVersion to, Instant now) {
    return new Migration(
        from.name(),
        to.name(),
        from.models(),
        to.models(),
        State.ENUMERATING,
        null,
        0,
        0,
        0,
        0,
        now,
        now,
        null,
        null,
        null,
        0);
  }

  /** Still working: enumerating or verifying. */
  public boolean running() {
    return state == State.ENUMERATING || state == State.VERIFYING;
  }

  /** Seconds until {@code done} reaches {@code total} at the current rate; null when unknown. */
  public Long etaSeconds() {
    if (!running() || ratePerSecond <= 0) {
      return null;
    }
    return (long) Math.ceil(Math.max(0, total - done) / ratePerSecond);
  }

  /** Nobody else holds the lease at {@code now}. */
  public boolean leaseFree(String candidate, Instant now) {
    return owner == null
        || owner.equals(candidate)
        || leaseUntil == null
        || leaseUntil.isBefore(now);
  }

  public Migration leasedTo(String newOwner, Instant now, Duration lease) {
    return with(now, m -> m.owner = newOwner, m -> m.leaseUntil = now.plus(lease));
  }

  public Migration inState(State next, Instant now) {
    return with(
        now, m -> m.state = next, m -> m.switchedAt = next == State.SWITCHED ? now : switchedAt);
  }

  /** One more page published, up to {@code last}. */
  public Migration publishedUpTo(String last, long count, Instant now) {
    return with(now, m -> m.cursor = last, m -> m.published += count);
  }

  /** One more page verified, up to {@code last}, with {@code found} images missing. */
  public Migration verifiedUpTo(String last, long found, Instant now) {
    return with(now, m -> m.cursor = last, m -> m.missing += found);
  }

  /** A verification pass from the first image. */
  public Migration newPass(Instant now) {
    return with(now, m -> m.state = State.VERIFYING, m -> m.cursor = null, m -> m.missing = 0);
  }

  public Migration progress(long newDone, long newTotal, double rate, Instant now) {
    return with(now, m -> m.done = newDone, m -> m.total = newTotal, m -> m.ratePerSecond = rate);
  }

  /** A copy updated at {@code now}, with the fields that {@code changes} set. */
  @SafeVarargs
  private Migration with(Instant now, Consumer<Copy>... changes) {
    Copy copy = new Copy(this);
    copy.updatedAt = now;
    for (Consumer<Copy> change : changes) {
      change.accept(copy);
    }
    return copy.migration();
  }

  /** The fields of a migration, to change some before making the new record (one place for all). */
  private static final class Copy {
    private final String from;
    private final String to;
    private final ModelVersions fromModels;
    private final ModelVersions toModels;
    private final Instant startedAt;
    State state;
    String cursor;
    long published;
    long total;
    long done;
    double ratePerSecond;
    Instant updatedAt;
    Instant switchedAt;
    String owner;
    Instant leaseUntil;
    long missing;

    Copy(Migration m) {
      from = m.from;
      to = m.to;
      fromModels = m.fromModels;
      toModels = m.toModels;
      startedAt = m.startedAt;
      state = m.state;
      cursor = m.cursor;
      published = m.published;
      total = m.total;
      done = m.done;
      ratePerSecond = m.ratePerSecond;
      updatedAt = m.updatedAt;
      switchedAt = m.switchedAt;
      owner = m.owner;
      leaseUntil = m.leaseUntil;
      missing = m.missing;
    }

    Migration migration() {
      return new Migration(
          from,
          to,
          fromModels,
          toModels,
          state,
          cursor,
          published,
          total,
          done,
          ratePerSecond,
          startedAt,
          updatedAt,
          switchedAt,
          owner,
          leaseUntil,
          missing);
    }
  }
}
