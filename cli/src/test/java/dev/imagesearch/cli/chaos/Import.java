package dev.imagesearch.cli.chaos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads to the ingest-service and remembers what it said: the ids it took (accepted or
 * duplicate), the ids of every file sent. A 503 or no answer is retried with the same bytes, as the
 * import command does; a rejection is final.
 */
final class Import {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int ATTEMPTS = 10;

  /**
   * One request: a kind for the ledger and its files, made when it is sent. The images of a {@code
   * photos} job must end indexed once taken; a {@code mustTake} job must be taken.
   */
  record Job(String kind, Supplier<List<Sample>> files, boolean photos, boolean mustTake) {}

  private final Requests requests;
  final Set<String> sent = ConcurrentHashMap.newKeySet();
  final Set<String> taken = ConcurrentHashMap.newKeySet();
  final Set<String> photos = ConcurrentHashMap.newKeySet();
  final List<String> problems = new CopyOnWriteArrayList<>();
  final AtomicInteger started = new AtomicInteger();

  Import(Requests requests) {
    this.requests = requests;
  }

  /** Sends the job's files, retrying as the import command does; returns its place in the run. */
  int send(Job job) {
    int place = started.incrementAndGet();
    List<Sample> files = job.files().get();
    List<String> ids = new ArrayList<>();
    for (Sample file : files) {
      ids.add(sha256(file.bytes()));
    }
    sent.addAll(ids);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Requests.Answer answer =
          requests.upload(job.kind(), files, "application/octet-stream", Plan.UPLOAD_TIMEOUT);
      if (answer.status() == 503 || answer.status() < 0) {
        sleep(Duration.ofSeconds(Math.min(10, 2L * attempt)));
        continue;
      }
      read(job, answer);
      return place;
    }
    problems.add(
        files.getFirst().name() + ": no answer but 503 or a timeout in " + ATTEMPTS + " attempts");
    return place;
  }

  private void read(Job job, Requests.Answer answer) {
    if (answer.body().contains("numImages") || answer.body().contains("Exception")) {
      problems.add(
          "decoder internals in an answer: "
              + answer.body().substring(0, Math.min(200, answer.body().length())));
    }
    JsonNode results;
    try {
      results = JSON.readTree(answer.body()).path("results");
    } catch (RuntimeException e) {
      return; // not JSON: the ledger has the status, which is what counts
    }
    for (JsonNode result : results) {
      String status = result.path("status").asString("");
      if (status.equals("accepted") || status.equals("duplicate")) {
        taken.add(result.path("id").asString());
        if (job.photos()) {
          photos.add(result.path("id").asString());
        }
      } else if (job.mustTake()) {
        problems.add(
            "photo "
                + result.path("filename").asString()
                + " rejected: "
                + result.path("reason").asString());
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
