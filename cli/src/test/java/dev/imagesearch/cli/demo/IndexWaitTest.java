package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.imagesearch.contracts.images.StatusQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Against a stand-in for the ingest service's {@code POST /api/images/status}. */
class IndexWaitTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  private HttpServer server;
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private final List<List<String>> requests = new CopyOnWriteArrayList<>();
  private final StringWriter out = new StringWriter();

  /** a… is indexed at its third poll, b… failed, c… unknown, anything else stays stored. */
  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/images/status",
        exchange -> {
          List<String> ids = JSON.readValue(exchange.getRequestBody(), StatusQuery.class).ids();
          requests.add(ids);
          List<Map<String, String>> statuses = new ArrayList<>();
          for (String id : ids) {
            int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            String status =
                switch (id.charAt(0)) {
                  case 'a' -> n >= 3 ? "indexed" : "stored";
                  case 'b' -> "failed";
                  case 'c' -> "unknown";
                  default -> "stored";
                };
            statuses.add(Map.of("id", id, "status", status));
          }
          byte[] body = JSON.writeValueAsBytes(Map.of("statuses", statuses));
          exchange.sendResponseHeaders(200, body.length);
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
  void waitsUntilEveryImageIsIndexedOrFailedAskingOncePerPoll() throws InterruptedException {
    IndexWait.Result result = waiter(Duration.ofMinutes(1)).until(Set.of(A, B, C));
    assertThat(result).isEqualTo(new IndexWait.Result(1, 1, 1, 0));
    assertThat(result.complete()).isTrue();
    assertThat(polls.get(A)).hasValue(3);
    assertThat(requests).hasSize(3);
    assertThat(new HashSet<>(requests.getFirst())).isEqualTo(Set.of(A, B, C));
    assertThat(requests.getLast()).containsExactly(A);
    assertThat(out.toString())
        .contains("Indexing: 2 of 3 done")
        .endsWith("Indexing: 3 of 3 done\n");
    assertThat(result.describe()).isEqualTo("1 images indexed, 1 failed, 1 not stored.");
  }

  @Test
  void oneRequestPerPollNamesAtMostTheLimitAndEveryIdGetsItsTurn() throws InterruptedException {
    Set<String> many = new HashSet<>();
    IntStream.range(0, StatusQuery.MAX_IDS + 50).forEach(i -> many.add(String.format("%064x", i)));
    IndexWait.Result result = waiter(Duration.ofSeconds(4)).until(many);
    assertThat(result.pending()).isEqualTo(many.size());
    assertThat(requests)
        .hasSizeGreaterThanOrEqualTo(2)
        .allMatch(ids -> ids.size() == StatusQuery.MAX_IDS);
    Set<String> firstTwo = new HashSet<>(requests.get(0));
    firstTwo.addAll(requests.get(1));
    assertThat(firstTwo).isEqualTo(many);
  }

  @Test
  void givesUpWhenNothingMoves() throws InterruptedException {
    polls.put(A, new AtomicInteger(-1_000_000));
    IndexWait.Result result = waiter(Duration.ofMillis(1500)).until(Set.of(A));
    assertThat(result.complete()).isFalse();
    assertThat(result.describe()).isEqualTo("0 images indexed, 0 failed, 1 still waiting.");
  }
}
