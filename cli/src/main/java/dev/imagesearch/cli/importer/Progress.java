package dev.imagesearch.cli.importer;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live progress bar (me.tongfei:progressbar): files done / total, images/s, ETA, plus MB/s and
 * the duplicate, rejected and failed counts. On a terminal it redraws in place on stderr; otherwise
 * (CI, pipes) it writes one plain line every few seconds, so logs stay readable.
 */
final class Progress implements AutoCloseable {
  enum Mode {
    AUTO,
    BAR,
    PLAIN,
    NONE
  }

  private static final int PLAIN_INTERVAL_MS = 10_000;

  private final ProgressBar bar;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress start(int total, Mode mode, PrintWriter err) {
    Mode resolved = mode == Mode.AUTO ? (interactive() ? Mode.BAR : Mode.PLAIN) : mode;
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("import")
            .setInitialMax(total)
            .setUnit(" img", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS);
    switch (resolved) {
      case NONE -> {
        return new Progress(null);
      }
      case PLAIN ->
          builder
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(PLAIN_INTERVAL_MS)
              .setConsumer(new DelegatingProgressBarConsumer(plainLines(err), 120));
      default ->
          builder.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BAR).setUpdateIntervalMillis(250);
    }
    ProgressBar bar = builder.build();
    bar.setExtraMessage(" 0.0 MB/s, dup 0, rej 0, fail 0");
    return new Progress(bar);
  }

  /** Whole lines, and never the same line twice (the library renders the last state twice). */
  private static Consumer<String> plainLines(PrintWriter err) {
    AtomicReference<String> last = new AtomicReference<>("");
    return line -> {
      String text = line.strip();
      if (!text.equals(last.getAndSet(text))) {
        err.println(text);
        err.flush();
      }
    };
  }

  /** One more file done; refreshes the extra counts from the tally. */
  void step(Tally tally) {
    if (bar == null) {
      return;
    }
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    bar.setExtraMessage(
        String.format(
            Locale.ROOT,
            " %.1f MB/s, dup %d, rej %d, fail %d",
            tally.bytesSent() / 1e6 / seconds,
            tally.duplicate(),
            tally.rejected(),
            tally.failed()));
    bar.step();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Idempotent, so the Ctrl-C hook and the normal end can both call it. */
  @Override
  public void close() {
    if (bar != null && closed.compareAndSet(false, true)) {
      bar.close();
    }
  }

  /**
   * True when stdin and stdout are a terminal. {@code Console.isTerminal()} exists from JDK 22,
   * where {@code System.console()} is no longer null for pipes; on 21 a console means a terminal.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException jdk21) {
      return true;
    }
  }
}
