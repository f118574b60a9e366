package dev.imagesearch.index.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import java.time.Duration;
import java.time.Instant;

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
    return copy(state, cursor, published, missing, now).lease(newOwner, now.plus(lease));
  }

  public Migration inState(State next, Instant now) {
    Migration m = copy(next, cursor, published, missing, now);
    return next == State.SWITCHED ? m.switched(now) : m;
  }

  /** One more page published, up to {@code last}. */
  public Migration publishedUpTo(String last, long count, Instant now) {
    return copy(state, last, published + count, missing, now);
  }

  /** One more page verified, up to {@code last}, with {@code found} images missing. */
  public Migration verifiedUpTo(String last, long found, Instant now) {
    return copy(state, last, published, missing + found, now);
  }

  /** A verification pass from the first image. */
  public Migration newPass(Instant now) {
    return copy(State.VERIFYING, null, published, 0, now);
  }

  public Migration progress(long newDone, long newTotal, double rate, Instant now) {
    return new Migration(
        from,
        to,
        fromModels,
        toModels,
        state,
        cursor,
        published,
        newTotal,
        newDone,
        rate,
        startedAt,
        now,
        switchedAt,
        owner,
        leaseUntil,
        missing);
  }

  private Migration copy(State s, String c, long p, long m, Instant now) {
    return new Migration(
        from,
        to,
        fromModels,
        toModels,
        s,
        c,
        p,
        total,
        done,
        ratePerSecond,
        startedAt,
        now,
        switchedAt,
        owner,
        leaseUntil,
        m);
  }

  private Migration lease(String newOwner, Instant until) {
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
        newOwner,
        until,
        missing);
  }

  private Migration switched(Instant at) {
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
        at,
        owner,
        leaseUntil,
        missing);
  }
}
