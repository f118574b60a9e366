package dev.imagesearch.cli.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The harness's HTTP calls to the running stack. Each has a client-side timeout: an answer that
 * does not come in time is recorded as unanswered, never waited for.
 */
final class Requests {
  static final URI INGEST = URI.create("http://127.0.0.1:8081");
  static final URI SEARCH = URI.create("http://127.0.0.1:8080");

  /** {@code status} is {@link #TIMEOUT} or {@link #FAILED} when no HTTP answer came. */
  record Answer(int status, String body, HttpHeaders headers, long millis) {
    boolean accepted() {
      return status == 202;
    }
  }

  static final int TIMEOUT = -1;
  static final int FAILED = -2;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey;
  private final Ledger ledger;

  Requests(String apiKey, Ledger ledger) {
    this.apiKey = apiKey;
    this.ledger = ledger;
  }

  /** POST /api/images with one part per file, each declared as {@code partType}. */
  Answer upload(String kind, List<Sample> files, String partType, Duration timeout) {
    return send(
        kind,
        files.getFirst().name(),
        multipart(INGEST.resolve("/api/images"), "file", files, partType, timeout)
            .header("Authorization", "Bearer " + apiKey)
            .build());
  }

  /** The same upload without a key: refused before the body is read. */
  Answer uploadWithoutKey(String kind, Sample file, Duration timeout) {
    return send(
        kind,
        file.name(),
        multipart(
                INGEST.resolve("/api/images"),
                "file",
                List.of(file),
                "application/octet-stream",
                timeout)
            .build());
  }

  /** POST /api/search with the file as the query image. */
  Answer searchByImage(String kind, Sample file, String partType, Duration timeout) {
    return send(
        kind,
        file.name(),
        multipart(SEARCH.resolve("/api/search"), "image", List.of(file), partType, timeout)
            .build());
  }

  Answer get(String kind, URI uri, Duration timeout) {
    return send(kind, uri.toString(), HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
  }

  private Answer send(String kind, String name, HttpRequest request) {
    long start = System.nanoTime();
    Answer answer;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      answer = new Answer(response.statusCode(), response.body(), response.headers(), since(start));
    } catch (HttpTimeoutException e) {
      answer = new Answer(TIMEOUT, "no answer within the client timeout", null, since(start));
    } catch (IOException e) {
      answer = new Answer(FAILED, e.toString(), null, since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(FAILED, "interrupted", null, since(start));
    }
    ledger.record(kind, name, answer);
    return answer;
  }

  private static HttpRequest.Builder multipart(
      URI uri, String field, List<Sample> files, String partType, Duration timeout) {
    String boundary = "chaos-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Sample file : files) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field
                  + "\"; filename=\""
                  + file.name()
                  + "\"\r\nContent-Type: "
                  + partType
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.bytes());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }

  private static long since(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
