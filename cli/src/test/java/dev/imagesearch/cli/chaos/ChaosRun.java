package dev.imagesearch.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One seeded run against a running stack: camera photos and hostile files uploaded while faults
 * happen, hostile query images, the probes of F3 to F8, then the audit. Returns the report; a run
 * passes when its violations are empty.
 */
final class ChaosRun {
  record Report(List<String> lines, List<String> violations) {
    String text() {
      List<String> all = new ArrayList<>(lines);
      all.add(
          violations.isEmpty()
              ? "PASS: no violations"
              : "FAIL: " + violations.size() + " violations");
      violations.forEach(v -> all.add("  ✗ " + v));
      return String.join("\n", all);
    }
  }

  private final Plan plan;
  private final Path var;
  private final FaultRunner.Restart restart;
  private final PrintStream log;
  private final Ledger ledger = new Ledger();
  private final Requests requests;
  private final Import upload;

  ChaosRun(Plan plan, Path var, String apiKey, FaultRunner.Restart restart, PrintStream log) {
    this.plan = plan;
    this.var = var;
    this.restart = restart;
    this.log = log;
    this.requests = new Requests(apiKey, ledger);
    this.upload = new Import(requests);
  }

  Report run() throws IOException, InterruptedException {
    Instant started = Instant.now();
    Processes processes = new Processes(var);
    List<String> violations = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    lines.add(
        "chaos run '"
            + plan.name()
            + "', seed "
            + plan.seed()
            + ", "
            + plan.faults().size()
            + " faults");
    List<Sample> bombs = Bombs.all();
    log.printf(
        "%d bombs made in %d s%n",
        bombs.size(), Duration.between(started, Instant.now()).toSeconds());
    HostileFiles hostile = new HostileFiles(plan.seed());
    try (Memory memory = new Memory(processes)) {
      List<Import.Job> jobs = jobs(bombs, hostile);
      FaultRunner faults =
          new FaultRunner(plan.faults(), processes, restart, upload.started::get, jobs.size(), log);
      Thread faultThread = Thread.ofPlatform().name("faults").start(faults);
      runAll(
          jobs.stream().<Runnable>map(job -> () -> send(job, jobs.size(), started)).toList(),
          plan.concurrency());
      log.printf("uploads done after %d s%n", Duration.between(started, Instant.now()).toSeconds());
      faultThread.join();
      violations.addAll(faults.problems());
      queries(bombs, hostile);
      log.printf("queries done after %d s%n", Duration.between(started, Instant.now()).toSeconds());
      Probes probes = new Probes(requests, Plan.UPLOAD_TIMEOUT);
      Sample small =
          new Sample("probe.jpg", Bombs.jpeg(LargePhotos.draw(320, 240, plan.seed()), false));
      probes.partTypes(small);
      upload.sent.add(Import.sha256(small.bytes()));
      violations.addAll(probes.dates());
      probes.refusedUploads(small, 200);
      violations.addAll(Probes.listeners());
      log.printf("probes done after %d s%n", Duration.between(started, Instant.now()).toSeconds());

      Audit audit = new Audit(log);
      try {
        audit.settle(plan.settle());
        audit.check(upload);
      } catch (IOException | RuntimeException e) {
        violations.add("the audit could not read S3 or Elasticsearch: " + e);
      }
      String stored = upload.taken.stream().findFirst().orElse(null);
      violations.addAll(probes.headers(stored, audit.anyIndexed()));
      violations.addAll(Probes.files(var));
      violations.addAll(audit.violations);
      lines.addAll(audit.lines);
      lines.add("requests: " + ledger.requests());
      lines.addAll(ledger.lines());
      violations.addAll(ledger.violations());
      lines.add("resident memory (MB): before -> after (peak)");
      lines.addAll(memory.lines(violations));
    }
    lines.add(String.format("took %d s", Duration.between(started, Instant.now()).toSeconds()));
    return new Report(lines, violations);
  }

  /**
   * The import: in the long plan one photo per size and format first; then the camera photos spread
   * evenly over the bombs (F1's 8000×8000 PNG among them) and damaged files, the first request of
   * photos at the very start (F1's repro); last, a few small photos that must be indexed like any
   * other, which a wedged worker leaves {@code stored}.
   */
  private List<Import.Job> jobs(List<Sample> bombs, HostileFiles hostile) {
    List<Import.Job> jobs = new ArrayList<>();
    if (plan.formats()) {
      for (LargePhotos.Size size : LargePhotos.Size.values()) {
        for (String format : List.of("jpeg", "png", "tiff")) {
          String name = "photo-" + size.name().toLowerCase() + "." + format;
          long seed = plan.seed() + size.ordinal();
          jobs.add(
              new Import.Job(
                  "import formats",
                  () -> List.of(new Sample(name, LargePhotos.photo(size, format, seed))),
                  true,
                  false));
        }
      }
    }
    List<Import.Job> photos = new ArrayList<>();
    for (int i = 0; i < plan.photos().size(); i += plan.together()) {
      int from = i;
      List<LargePhotos.Size> sizes =
          plan.photos().subList(from, Math.min(from + plan.together(), plan.photos().size()));
      photos.add(
          new Import.Job(
              "import photos",
              () -> {
                List<Sample> files = new ArrayList<>();
                for (int j = 0; j < sizes.size(); j++) {
                  String name =
                      String.format(
                          "camera-%03d-%s.jpg", from + j, sizes.get(j).name().toLowerCase());
                  files.add(
                      new Sample(
                          name,
                          LargePhotos.photo(sizes.get(j), "jpeg", plan.seed() * 1000 + from + j)));
                }
                return files;
              },
              true,
              true));
    }
    List<Import.Job> others = new ArrayList<>();
    bombs.forEach(b -> others.add(new Import.Job("import bombs", () -> List.of(b), false, false)));
    for (int i = 0; i < plan.hostile(); i++) {
      int index = i;
      others.add(new Import.Job("import hostile", () -> List.of(hostile.get(index)), false, false));
    }
    int every = Math.max(1, others.size() / Math.max(1, photos.size()));
    for (int i = 0; i < others.size() || !photos.isEmpty(); i++) {
      if (i % every == 0 && !photos.isEmpty()) {
        jobs.add(photos.removeFirst());
      }
      if (i < others.size()) {
        jobs.add(others.get(i));
      }
    }
    for (int i = 0; i < 3; i++) {
      long seed = plan.seed() + 100 + i;
      String name = "after-" + i + ".jpg";
      jobs.add(
          new Import.Job(
              "import photos",
              () -> List.of(new Sample(name, Bombs.jpeg(LargePhotos.draw(640, 480, seed), false))),
              true,
              true));
    }
    return jobs;
  }

  /** Sends one upload, with a progress line every 500 so that a long run shows how it goes. */
  private void send(Import.Job job, int total, Instant started) {
    int sent = upload.send(job);
    if (sent % 500 == 0) {
      log.printf(
          "uploads: %d of %d sent after %d s, %d taken%n",
          sent, total, Duration.between(started, Instant.now()).toSeconds(), upload.taken.size());
    }
  }

  /** F2: every bomb and some damaged files as query images; each must be answered in time. */
  private void queries(List<Sample> bombs, HostileFiles hostile) throws InterruptedException {
    List<Runnable> queries = new ArrayList<>();
    bombs.forEach(
        b ->
            queries.add(
                () ->
                    requests.searchByImage(
                        "query bombs", b, "application/octet-stream", Plan.QUERY_TIMEOUT)));
    for (int i = 0; i < plan.queries(); i++) {
      Sample file = hostile.get(i);
      queries.add(
          () ->
              requests.searchByImage(
                  "query hostile", file, "application/octet-stream", Plan.QUERY_TIMEOUT));
    }
    runAll(queries, 16); // a hung query costs the client nothing but a thread
  }

  private static void runAll(List<Runnable> tasks, int threads) throws InterruptedException {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      tasks.forEach(pool::submit);
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.DAYS);
    }
  }
}
