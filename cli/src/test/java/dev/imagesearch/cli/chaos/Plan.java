package dev.imagesearch.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run does. {@link #SHORT} runs in the test suite; {@link #LONG} is the documented command
 * (tools/chaos/long-run.sh) whose results go to docs/benchmarks.md.
 *
 * @param photos camera photos (JPEG) imported under faults; {@code together} of them per request
 * @param formats one photo per size and format (JPEG, PNG, TIFF at 12 to 100 MP) before the import
 * @param hostile damaged files from {@link HostileFiles}, besides every {@link Bombs} file
 * @param queries hostile files also sent to search-api as query images, besides the bombs
 * @param settle how long indexing may make no progress before images left {@code stored} count
 */
record Plan(
    String name,
    long seed,
    List<LargePhotos.Size> photos,
    int together,
    boolean formats,
    int hostile,
    int queries,
    List<Fault> faults,
    int concurrency,
    Duration settle) {
  static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);

  /** search-api answers 503 after its 15 s inference timeout, so 30 s is ample. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

  static final Plan SHORT =
      new Plan(
          "short",
          12,
          List.of(
              LargePhotos.Size.MP24,
              LargePhotos.Size.MP24,
              LargePhotos.Size.MP24,
              LargePhotos.Size.MP24),
          4,
          false,
          200,
          10,
          List.of(Fault.kill("embed-worker")),
          4,
          Duration.ofSeconds(90));

  static final Plan LONG =
      new Plan(
          "long", 12, longPhotos(), 1, true, 10_000, 200, longFaults(), 4, Duration.ofMinutes(5));

  /**
   * The long plan's 100 camera photos with no faults and no damaged files: whether the worker, with
   * its default settings, indexes them all, apart from how long faults and 10,000 bad files take.
   */
  static final Plan PHOTOS =
      new Plan("photos", 12, longPhotos(), 1, false, 0, 0, List.of(), 4, Duration.ofMinutes(5));

  static Plan named(String name) {
    return switch (name) {
      case "short" -> SHORT;
      case "long" -> LONG;
      case "photos" -> PHOTOS;
      default ->
          throw new IllegalArgumentException("-Dchaos.plan is short, long or photos, not " + name);
    };
  }

  /** 100 photos of 24 to 48 MP, as a camera and a phone make them. */
  private static List<LargePhotos.Size> longPhotos() {
    List<LargePhotos.Size> sizes = new ArrayList<>();
    LargePhotos.Size[] cycle = {
      LargePhotos.Size.MP24, LargePhotos.Size.MP42, LargePhotos.Size.MP48
    };
    for (int i = 0; i < 100; i++) {
      sizes.add(cycle[i % cycle.length]);
    }
    return sizes;
  }

  /** 10 worker SIGKILLs, with each server's stop and freeze between them. */
  private static List<Fault> longFaults() {
    List<Fault> servers = Fault.everyServer(Duration.ofSeconds(30));
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      faults.add(Fault.kill("embed-worker"));
      if (i < servers.size()) {
        faults.add(servers.get(i));
      }
    }
    return faults;
  }
}
