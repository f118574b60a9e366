package dev.imagesearch.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of a run: waits (bounded) for indexing to settle, then checks that accepted uploads = S3
 * originals = index documents (indexed + failed), with nothing doubled, lost, foreign, unpublished
 * or left {@code stored}, and that every camera photo taken was indexed.
 */
final class Audit {
  private final Inventory inventory = new Inventory();
  private final PrintStream log;
  final List<String> violations = new ArrayList<>();
  final List<String> lines = new ArrayList<>();
  private Map<String, String> documents = Map.of();

  Audit(PrintStream log) {
    this.log = log;
  }

  /** Polls until every original has a document, or {@code settle} passes without progress. */
  void settle(Duration settle) throws IOException, InterruptedException {
    Set<String> originals = new HashSet<>(inventory.s3Keys("originals/"));
    Instant progressed = Instant.now();
    int last = -1;
    Instant started = Instant.now();
    while (true) {
      documents = inventory.documents();
      int missing = (int) originals.stream().filter(id -> !documents.containsKey(id)).count();
      if (missing != last) {
        log.printf(
            "settle: %d of %d originals have a document%n",
            originals.size() - missing, originals.size());
        progressed = Instant.now();
        last = missing;
      }
      if (missing == 0 || Instant.now().isAfter(progressed.plus(settle))) {
        break;
      }
      Thread.sleep(2000);
    }
    lines.add(
        String.format("settled after %d s", Duration.between(started, Instant.now()).toSeconds()));
  }

  void check(Import upload) {
    List<String> originalKeys = inventory.s3Keys("originals/");
    Set<String> originals = new HashSet<>(originalKeys);
    Set<String> published = new HashSet<>(inventory.s3Keys("published/"));
    long indexed = documents.values().stream().filter("indexed"::equals).count();
    long failed = documents.values().stream().filter("failed"::equals).count();
    lines.add(
        String.format(
            "files sent %d, taken %d, S3 originals %d, documents %d (indexed %d, failed %d)",
            upload.sent.size(),
            upload.taken.size(),
            originals.size(),
            documents.size(),
            indexed,
            failed));
    expectNone("accepted but not in S3 (lost)", minus(upload.taken, originals));
    expectNone("in S3 but never sent (foreign)", minus(originals, upload.sent));
    if (originalKeys.size() != originals.size()) {
      violations.add("S3 lists " + (originalKeys.size() - originals.size()) + " originals twice");
    }
    expectNone(
        "stored but never indexed nor failed (stuck in 'stored')",
        minus(originals, documents.keySet()));
    expectNone("documents without an original", minus(documents.keySet(), originals));
    expectNone("originals with no published marker (orphans)", minus(originals, published));
    Set<String> odd = new HashSet<>();
    documents.forEach(
        (id, status) -> {
          if (!status.equals("indexed") && !status.equals("failed")) {
            odd.add(id + "=" + status);
          }
        });
    expectNone("documents neither indexed nor failed", odd);
    Set<String> photosNotIndexed = new HashSet<>();
    for (String id : upload.photos) {
      if (!"indexed".equals(documents.get(id))) {
        photosNotIndexed.add(id + "=" + documents.getOrDefault(id, "stored"));
      }
    }
    expectNone("camera photos taken but not indexed", photosNotIndexed);
    upload.problems.forEach(p -> violations.add("upload: " + p));
  }

  private void expectNone(String what, Set<String> ids) {
    if (!ids.isEmpty()) {
      violations.add(ids.size() + " " + what + ", e.g. " + ids.stream().sorted().limit(3).toList());
    }
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> rest = new HashSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  /** An indexed image, for the header probes; null if none. */
  String anyIndexed() {
    return documents.entrySet().stream()
        .filter(e -> e.getValue().equals("indexed"))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
