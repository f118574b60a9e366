package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndexWaitTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  private HttpServer server;
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/images/",
        exchange -> {
          String id = exchange.getRequestURI().getPath().split("/")[3];
          int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          String status =
              switch (id.charAt(0)) {
                case 'a' -> n >= 3 ? "indexed" : "stored";
                case 'b' -> "failed";
                default -> null;
              };
          byte[] body =
              status == null
                  ? new byte[0]
                  : ("{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}")
                      .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              status == null ? 404 : 200, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private IndexWait waiter(Duration patience) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new IndexWait(base, new PrintWriter(out), patience);
  }

  @Test
  void waitsUntilEveryImageIsIndexedOrFailed() throws InterruptedException {
    IndexWait.Result result = waiter(Duration.ofMinutes(1)).until(Set.of(A, B, C));
    assertThat(result).isEqualTo(new IndexWait.Result(1, 1, 1, 0));
    assertThat(result.complete()).isTrue();
    assertThat(polls.get(A)).hasValue(3);
    assertThat(out.toString())
        .contains("Indexing: 2 of 3 done")
        .endsWith("Indexing: 3 of 3 done\n");
    assertThat(result.describe()).isEqualTo("1 images indexed, 1 failed, 1 not stored.");
  }

  @Test
  void givesUpWhenNothingMoves() throws InterruptedException {
    polls.put(A, new AtomicInteger(-1_000_000));
    IndexWait.Result result = waiter(Duration.ofMillis(1500)).until(Set.of(A));
    assertThat(result.complete()).isFalse();
    assertThat(result.describe()).isEqualTo("0 images indexed, 0 failed, 1 still waiting.");
  }
}
