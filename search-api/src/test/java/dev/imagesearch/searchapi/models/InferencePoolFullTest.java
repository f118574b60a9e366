package dev.imagesearch.searchapi.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One inference worker and one queue slot. The test holds the worker itself, so which queries are
 * refused does not depend on timing: of the concurrent image queries, the first to reach the pool
 * waits in the queue and every other one is answered 503 at once. The long timeout keeps the queued
 * query from being answered 503 for waiting, which would look like a refusal.
 */
@TestPropertySource(
    properties = {
      "imagesearch.inference.threads=1",
      "imagesearch.inference.queue=1",
      "imagesearch.inference.timeout=60s"
    })
class InferencePoolFullTest extends SearchApiTestBase {
  private static final int QUERIES = 6;

  @Test
  void queriesBeyondTheWorkersAndQueueAre503WithRetryAfter() throws Exception {
    WebTestClient client = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    var held =
        bean(Inference.class)
            .run(
                () -> {
                  busy.countDown();
                  return release.await(60, TimeUnit.SECONDS);
                })
            .toFuture();
    List<EntityExchangeResult<String>> answers = new ArrayList<>();
    try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      CountDownLatch answeredWhileHeld = new CountDownLatch(QUERIES - 1);
      List<Future<EntityExchangeResult<String>>> pending = new ArrayList<>();
      for (int i = 0; i < QUERIES; i++) {
        byte[] image = corpus.entry(i).bytes();
        pending.add(
            clients.submit(
                () -> {
                  var answer =
                      client
                          .post()
                          .uri("/api/search")
                          .bodyValue(withImage(image).build())
                          .exchange()
                          .expectBody(String.class)
                          .returnResult();
                  answeredWhileHeld.countDown();
                  return answer;
                }));
      }
      // The refused ones answer without the worker; the queued one needs it back.
      answeredWhileHeld.await(30, TimeUnit.SECONDS);
      release.countDown();
      for (var answer : pending) {
        answers.add(answer.get(30, TimeUnit.SECONDS));
      }
    } finally {
      release.countDown();
    }
    assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();

    assertThat(answers)
        .allSatisfy(
            answer -> {
              int status = answer.getStatus().value();
              assertThat(status).as(answer.getResponseBody()).isIn(200, 503);
              if (status == 503) {
                assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isNotBlank();
                assertThat(answer.getResponseHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(answer.getResponseBody()).contains("inference workers are busy");
              }
            });
    assertThat(answers)
        .extracting(answer -> answer.getStatus().value())
        .as("one query waited in the queue, every other one was refused at once")
        .containsExactlyInAnyOrder(200, 503, 503, 503, 503, 503);
    // Refusals last only while the pool is full.
    client
        .post()
        .uri("/api/search")
        .bodyValue(withImage(corpus.entry(0).bytes()).build())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }
}
