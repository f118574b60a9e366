package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.Scan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The end-of-import report: counts, rates, then every rejected and failed file with its reason. */
final class Summary {
  private Summary() {}

  static void print(
      PrintWriter out, Scan scan, Tally tally, Duration elapsed, boolean interrupted) {
    int total = scan.images().size();
    double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
    out.println();
    if (interrupted) {
      out.printf(
          Locale.ROOT,
          "Import interrupted: %d of %d files done. Run the same command again to resume:"
              + " images already stored come back as duplicate.%n",
          tally.done(),
          total);
    }
    out.printf(Locale.ROOT, "Images found:     %d (%s)%n", total, megabytes(scan.totalBytes()));
    out.printf(Locale.ROOT, "  accepted:       %d%n", tally.accepted());
    out.printf(Locale.ROOT, "  duplicate:      %d%n", tally.duplicate());
    out.printf(Locale.ROOT, "  rejected:       %d%n", tally.rejected());
    out.printf(Locale.ROOT, "  failed:         %d%n", tally.failed());
    if (tally.done() < total) {
      out.printf(Locale.ROOT, "  not uploaded:   %d%n", total - tally.done());
    }
    out.printf(Locale.ROOT, "Skipped %d non-image files%n", scan.skipped());
    out.printf(
        Locale.ROOT,
        "Elapsed %.1f s, %.2f MB/s, %.1f images/s%n",
        seconds,
        tally.bytesSent() / 1e6 / seconds,
        (tally.done() - tally.failed()) / seconds);
    list(out, "Rejected", tally.problems(Outcome.Status.REJECTED));
    list(out, "Failed", tally.problems(Outcome.Status.FAILED));
    out.flush();
  }

  static void warnings(PrintWriter err, List<String> warnings) {
    for (String w : warnings) {
      err.println("warning: " + w);
    }
  }

  private static void list(PrintWriter out, String title, List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    out.println(title + " (" + outcomes.size() + "):");
    for (Outcome o : outcomes) {
      out.println("  " + o.file().relative() + ": " + o.reason());
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
