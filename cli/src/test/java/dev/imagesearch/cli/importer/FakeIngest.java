package dev.imagesearch.cli.importer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the ingest service's {@code POST /api/images} on a loopback port: parses each
 * multipart request for real, records it, and answers with what the test's {@link Behavior} says.
 */
final class FakeIngest implements AutoCloseable {
  /** One recorded request: its headers (lower-case names) and parsed parts. */
  record Request(
      String method, String path, Map<String, String> headers, List<Multipart.Part> parts) {
    Multipart.Part part(String name) {
      return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    Multipart.Part file() {
      return part("file");
    }
  }

  record Reply(int status, String contentType, String body, Map<String, String> headers) {}

  /** Decides the answer; {@code attempt} counts this file name's requests from 1. */
  interface Behavior {
    Reply answer(Request request, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Behavior behavior = (request, attempt) -> status(request, "accepted");
  private volatile Duration delay = Duration.ZERO;

  FakeIngest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeIngest behave(Behavior b) {
    this.behavior = b;
    return this;
  }

  FakeIngest delay(Duration d) {
    this.delay = d;
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  int attempts(String filename) {
    AtomicInteger n = attempts.get(filename);
    return n == null ? 0 : n.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      List<Multipart.Part> parts = Multipart.parse(headers.get("content-type"), body);
      Request request =
          new Request(
              exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, parts);
      requests.add(request);
      String name = request.file() == null ? "" : request.file().filename();
      int attempt = attempts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      Reply reply = behavior.answer(request, attempt);
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** 202 with one result of the given status, id = SHA-256 of the bytes, as the real API does. */
  static Reply status(Request request, String status) {
    Multipart.Part file = request.file();
    String json =
        "{\"results\":[{\"id\":\"%s\",\"filename\":\"%s\",\"status\":\"%s\"}]}"
            .formatted(sha256(file.data()), escape(file.filename()), status);
    return new Reply(202, "application/json", json, Map.of());
  }

  /** 202 whose only result is rejected (as in a batch where other files were fine). */
  static Reply rejectedInBatch(Request request, String reason, int httpStatus) {
    String json =
        "{\"results\":[{\"id\":null,\"filename\":\"%s\",\"status\":\"rejected\",\"reason\":\"%s\",\"httpStatus\":%d}]}"
            .formatted(escape(request.file().filename()), reason, httpStatus);
    return new Reply(202, "application/json", json, Map.of());
  }

  /** RFC 9457 problem+json, with the results array the API adds on rejections. */
  static Reply problem(Request request, int status, String title, String detail) {
    String filename = request.file() == null ? "" : request.file().filename();
    String json =
        ("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\","
                + "\"results\":[{\"id\":null,\"filename\":\"%s\",\"status\":\"rejected\","
                + "\"reason\":\"%s\",\"httpStatus\":%d}]}")
            .formatted(title, status, detail, escape(filename), detail, status);
    return new Reply(status, "application/problem+json", json, Map.of());
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
