package dev.imagesearch.imaging;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Admission control on decoded bytes across all threads of a process: an image is decoded only once
 * its cost (from the header, see {@link ImageDecoder#cost}) is reserved here, so the sum of what
 * concurrent decodes hold never exceeds the budget. Fair, so a large image is not starved by a
 * stream of small ones. An image costlier than the whole budget waits until nothing else holds any,
 * then runs alone.
 */
public final class DecodeBudget {
  // Semaphore permits are ints: counted in KiB, a budget of up to 2 TiB fits.
  private static final long UNIT = 1024;

  private final long bytes;
  private final int units;
  private final Semaphore semaphore;

  /** A budget of {@code fraction} of the heap this JVM may grow to ({@code -Xmx}). */
  public static DecodeBudget ofHeap(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "the decode budget fraction must be in (0, 1]: " + fraction);
    }
    return new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * fraction));
  }

  public DecodeBudget(long bytes) {
    if (bytes < UNIT) {
      throw new IllegalArgumentException("a decode budget needs at least 1 KiB: " + bytes);
    }
    this.bytes = bytes;
    this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
    this.semaphore = new Semaphore(units, true);
  }

  /** The whole budget in bytes. */
  public long bytes() {
    return bytes;
  }

  /** Bytes not reserved right now; for metrics and tests. */
  public long available() {
    return semaphore.availablePermits() * UNIT;
  }

  /**
   * Reserves {@code cost} bytes, waiting at most {@code wait}; an image costlier than the whole
   * budget reserves all of it.
   *
   * @throws Exhausted when the bytes could not be had in time
   */
  public Permit acquire(long cost, Duration wait) throws Exhausted, InterruptedException {
    if (cost < 0) {
      throw new IllegalArgumentException("negative cost: " + cost);
    }
    int n = (int) Math.min(units, Math.max(1, (cost + UNIT - 1) / UNIT));
    if (!semaphore.tryAcquire(n, wait.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new Exhausted(
          String.format(
              Locale.ROOT,
              "Decoding needs %.1f MB; the %.1f MB decode budget stayed taken for %s.",
              cost / 1e6,
              bytes / 1e6,
              wait));
    }
    return new Permit(n);
  }

  /**
   * Decodes {@code bytes} once their cost (from the header) is reserved, and hands the image to
   * {@code use}, which keeps what it needs of it; the reservation is given back when {@code use}
   * returns or throws, so the full image must not outlive it.
   *
   * @throws ImageDecodeException the bytes are no image this decoder takes
   * @throws Exhausted when the bytes could not be had in time
   */
  public <T> T decode(ImageDecoder decoder, byte[] bytes, Duration wait, Function<RgbImage, T> use)
      throws ImageDecodeException, Exhausted, InterruptedException {
    long cost = decoder.cost(bytes);
    Permit permit = acquire(cost, wait);
    try {
      return use.apply(decoder.decode(bytes));
    } finally {
      permit.close();
    }
  }

  /** Reserved bytes, given back by {@link #close()} (once; later calls do nothing). */
  public final class Permit implements AutoCloseable {
    private int held;

    private Permit(int units) {
      this.held = units;
    }

    @Override
    public void close() {
      int n;
      synchronized (this) {
        n = held;
        held = 0;
      }
      if (n > 0) {
        semaphore.release(n);
      }
    }
  }

  /** The budget could not be had in time: try again later (a 503, a retried batch). */
  public static final class Exhausted extends Exception {
    Exhausted(String message) {
      super(message);
    }
  }
}
