package dev.imagesearch.ingestservice.status;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.images.StatusQuery;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.json.JsonCompareMode;

class StatusAndDeleteTest extends IngestApiTestBase {
  @Autowired ImageStore store;

  static ElasticsearchClient es;

  @BeforeAll
  static void index() throws Exception {
    es =
        ElasticsearchClient.of(
            b -> b.host(RealServers.elasticsearch().url()).jsonMapper(new Jackson3JsonpMapper()));
    if (!es.indices().exists(e -> e.index("images-v1")).value()) {
      es.indices().create(c -> c.index("images-v1").aliases(ImageIndex.ALIAS, a -> a));
    }
  }

  String uploaded() {
    byte[] jpeg = TestImages.jpeg(16, 16);
    post(files(Map.of("x.jpg", jpeg))).expectStatus().isAccepted().expectBody().returnResult();
    return sha256(jpeg);
  }

  @Test
  void anUploadedImageIsStoredUntilTheWorkerIndexesIt() {
    String id = uploaded();

    status(id)
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"id\":\"" + id + "\",\"status\":\"stored\"}", JsonCompareMode.STRICT);
  }

  @Test
  void reportsWhatTheWorkerRecorded() throws Exception {
    String indexed = uploaded();
    String failed = uploaded();
    es.index(
        i ->
            i.index(ImageIndex.ALIAS)
                .id(indexed)
                .document(Map.of("status", "indexed"))
                .refresh(Refresh.True));
    es.index(
        i ->
            i.index(ImageIndex.ALIAS)
                .id(failed)
                .document(
                    Map.of("status", "failed", "failureReason", "The JPEG image is truncated."))
                .refresh(Refresh.True));

    status(indexed).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("indexed");
    status(failed)
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            "{\"id\":\""
                + failed
                + "\",\"status\":\"failed\",\"reason\":\"The JPEG image is truncated.\"}",
            JsonCompareMode.STRICT);
  }

  /**
   * During a model migration the worker writes a new upload only into the target index version,
   * which the alias names only after the switch (decision 0027): found there, it is indexed.
   */
  @Test
  void anImageInAnotherIndexVersionThanTheServingOneIsFoundThere() throws Exception {
    String id = uploaded();
    String failedThere = "images-v98";
    String indexedThere = "images-v99";
    try {
      es.index(
          i ->
              i.index(failedThere)
                  .id(id)
                  .document(Map.of("status", "failed", "failureReason", "Other models."))
                  .refresh(Refresh.True));
      es.index(
          i ->
              i.index(indexedThere)
                  .id(id)
                  .document(Map.of("status", "indexed"))
                  .refresh(Refresh.True));

      status(id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("indexed");
      statuses(List.of(id))
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.statuses[0].status")
          .isEqualTo("indexed");
    } finally {
      es.indices().delete(d -> d.index(failedThere, indexedThere));
    }
  }

  @Test
  void anImageIsIndexedOnlyOnceASearchCanFindIt() throws Exception {
    String id = uploaded();
    refreshInterval("-1"); // no refresh but the one below
    try {
      es.index(i -> i.index(ImageIndex.ALIAS).id(id).document(Map.of("status", "indexed")));

      status(id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("stored");
      es.indices().refresh(r -> r.index(ImageIndex.ALIAS));
      status(id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("indexed");
    } finally {
      refreshInterval("1s");
    }
  }

  private static void refreshInterval(String interval) throws Exception {
    es.indices()
        .putSettings(
            p -> p.index(ImageIndex.ALIAS).settings(s -> s.refreshInterval(t -> t.time(interval))));
  }

  @Test
  void oneRequestAnswersForManyImagesInTheOrderAsked() throws Exception {
    String indexed = uploaded();
    String stored = uploaded();
    String unknown = "e".repeat(64);
    es.index(
        i ->
            i.index(ImageIndex.ALIAS)
                .id(indexed)
                .document(Map.of("status", "failed", "failureReason", "Truncated."))
                .refresh(Refresh.True));

    statuses(List.of(unknown, indexed, stored.toUpperCase(java.util.Locale.ROOT), unknown))
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            "{\"statuses\":[{\"id\":\""
                + unknown
                + "\",\"status\":\"unknown\"},{\"id\":\""
                + indexed
                + "\",\"status\":\"failed\",\"reason\":\"Truncated.\"},{\"id\":\""
                + stored
                + "\",\"status\":\"stored\"}]}",
            JsonCompareMode.STRICT);
  }

  @Test
  void aStatusRequestIsBoundedAndItsIdsWellFormed() {
    List<String> tooMany =
        java.util.stream.IntStream.rangeClosed(0, StatusQuery.MAX_IDS)
            .mapToObj(i -> String.format("%064x", i))
            .toList();
    statuses(tooMany)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(
            String.class, d -> assertThat(d).startsWith("At most " + StatusQuery.MAX_IDS + " ids"));
    // Each of these asks S3: slow on a busy machine, so more patience than the default 5 s.
    http.mutate()
        .responseTimeout(java.time.Duration.ofSeconds(60))
        .build()
        .post()
        .uri("/api/images/status")
        .bodyValue(new StatusQuery(tooMany.subList(0, StatusQuery.MAX_IDS)))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.statuses.length()")
        .isEqualTo(StatusQuery.MAX_IDS);
    statuses(List.of("a".repeat(64), "../x"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("64 hexadecimal"));
    statuses(List.of()).expectStatus().isOk().expectBody().json("{\"statuses\":[]}");
  }

  @Test
  void unknownAndMalformedIdsAre404And400() {
    status("f".repeat(64))
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).startsWith("No image"));
    status("../../secrets").expectStatus().isBadRequest().expectBody().returnResult();
    status("abc")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("64 hexadecimal"));
  }

  @Test
  void deletingRemovesTheOriginalAndTellsTheIndexToForget() {
    String id = uploaded();

    delete(id)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .json("{\"id\":\"" + id + "\",\"status\":\"deleted\"}");

    assertThat(store.originalExists(id).block()).isFalse();
    List<ImageEvent> events = EventLog.eventsFor(kafka(), id);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(ImageUploaded.class);
    assertThat(events.get(1)).isInstanceOf(ImageDeleted.class);
    status(id).expectStatus().isNotFound().expectBody().returnResult();
    delete(id).expectStatus().isNotFound().expectBody().returnResult();
  }

  @Test
  void anImageCanBeUploadedAgainAfterItWasDeleted() {
    byte[] jpeg = TestImages.jpeg(12, 12);
    post(files(Map.of("x.jpg", jpeg))).expectStatus().isAccepted().expectBody().returnResult();
    delete(sha256(jpeg)).expectStatus().isAccepted().expectBody().returnResult();

    post(files(Map.of("x.jpg", jpeg)))
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.results[0].status")
        .isEqualTo("accepted");
  }

  @Test
  void deletingNeedsAKeyAndAWellFormedId() {
    http.delete()
        .uri("/api/images/" + "a".repeat(64))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .returnResult();
    delete("not-an-id").expectStatus().isBadRequest().expectBody().returnResult();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec status(
      String id) {
    return http.get().uri("/api/images/{id}/status", id).exchange();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec statuses(
      List<String> ids) {
    return http.post().uri("/api/images/status").bodyValue(new StatusQuery(ids)).exchange();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec delete(
      String id) {
    return http.delete()
        .uri("/api/images/{id}", id)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .exchange();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
