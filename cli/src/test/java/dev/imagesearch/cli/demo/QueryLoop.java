package dev.imagesearch.cli.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Image queries against search-api, one after another, each with an indexed photo: the answer must
 * be 200 with that photo first at cosine ~1.0. Encoded with models other than the index's, the
 * photo would not come back at ~1.0: so each answer shows that query and index used one model set.
 */
final class QueryLoop implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Path> photos;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answers = new AtomicLong();
  private final Queue<String> errors = new ConcurrentLinkedQueue<>();
  private final Queue<Long> latencies = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  private QueryLoop(List<Path> photos) {
    this.photos = photos;
    this.thread = Thread.ofVirtual().start(this::run);
  }

  static QueryLoop start(List<Path> photos) {
    return new QueryLoop(photos);
  }

  private void run() {
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (int i = 0; running.get(); i++) {
        Path photo = photos.get(i % photos.size());
        String model = i % 2 == 0 ? "vgg16" : "clip";
        try {
          long start = System.nanoTime();
          HttpResponse<String> response = query(http, photo, model);
          latencies.add(System.nanoTime() - start);
          check(photo, model, response);
        } catch (Exception e) {
          errors.add(model + " " + photo.getFileName() + ": " + e);
        }
        answers.incrementAndGet();
      }
    }
  }

  private static HttpResponse<String> query(HttpClient http, Path photo, String model)
      throws Exception {
    String boundary = "q-" + System.nanoTime();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"q.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8080/api/search?k=3&metric=cosine&model=" + model))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(photo),
                    HttpRequest.BodyPublishers.ofByteArray(tail)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void check(Path photo, String model, HttpResponse<String> response) throws Exception {
    String what = model + " " + photo.getFileName() + ": ";
    if (response.statusCode() != 200) {
      errors.add(what + response.statusCode() + " " + response.body());
      return;
    }
    JsonNode first = JSON.readTree(response.body()).path("hits").path(0);
    String id = ModelMigrationE2ETest.id(photo);
    if (!first.path("id").asString("").equals(id) || first.path("score").asDouble() < 0.999) {
      errors.add(what + "expected itself first at ~1.0, got " + first);
    }
  }

  long answers() {
    return answers.get();
  }

  void awaitAnswers(long count, Duration timeout) throws InterruptedException {
    ModelMigrationE2ETest.await(count + " answers", timeout, () -> answers.get() >= count);
  }

  /** Each answer's time in nanoseconds, in order; {@link #clearLatencies} starts anew. */
  List<Long> latencies() {
    return List.copyOf(latencies);
  }

  void clearLatencies() {
    latencies.clear();
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** Stops after the query in flight. */
  void stop() {
    running.set(false);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
