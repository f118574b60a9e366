package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each hit names every documented field, {@code null} when the image has no value, so a client can
 * tell "none" from "not sent"; only the hybrid-only fields come and go. Read as raw JSON maps: a
 * record would turn a missing key into null too.
 */
class HitFieldsTest extends SearchApiTestBase {
  private static final String[] ALWAYS = {
    "id",
    "score",
    "similarity",
    "weakMatch",
    "thumbnailUrl",
    "originalUrl",
    "filename",
    "collection",
    "tags",
    "caption",
    "contentType",
    "width",
    "height",
    "sizeBytes",
    "uploadedAt",
    "takenAt",
    "duplicateOf"
  };
  private static final String[] HYBRID_ONLY = {"rrf", "lexicalMatch"};

  @Test
  void everyHitCarriesEveryFieldAndADuplicateNamesItsOriginal() {
    Corpus.Entry copy = corpus.entry(Corpus.SIZE - 1);
    ImageDocument doc = copy.doc();
    assertThat(doc.duplicateOf()).as("the corpus marks its last images as duplicates").isNotNull();
    var body = withImage(copy.bytes());
    body.part("k", "200");

    List<Map<String, Object>> hits = hits(post(body));

    assertThat(hits).hasSize(Corpus.SIZE);
    assertThat(hits)
        .allSatisfy(hit -> assertThat(hit).containsKeys(ALWAYS).doesNotContainKeys(HYBRID_ONLY));
    Map<String, Object> first = hits.getFirst();
    assertThat(first)
        .containsEntry("id", copy.id())
        .containsEntry("duplicateOf", doc.duplicateOf())
        .containsEntry("thumbnailUrl", ImageHit.thumbnailUrl(copy.id()))
        .containsEntry("originalUrl", ImageHit.originalUrl(copy.id()))
        .containsEntry("filename", doc.facts().filename())
        .containsEntry("collection", doc.facts().collection())
        .containsEntry("tags", doc.facts().tags())
        .containsEntry("caption", doc.facts().caption())
        .containsEntry("contentType", doc.facts().contentType())
        .containsEntry("width", doc.facts().width())
        .containsEntry("height", doc.facts().height());
    assertThat(((Number) first.get("sizeBytes")).longValue()).isEqualTo(doc.facts().sizeBytes());
    assertThat(first.get("score")).isInstanceOf(Number.class);
    assertThat(((Number) first.get("similarity")).doubleValue()).isBetween(0.0, 1.0);
    assertThat(Instant.parse((String) first.get("uploadedAt"))).isEqualTo(doc.facts().uploadedAt());
    assertThat(Instant.parse((String) first.get("takenAt"))).isEqualTo(doc.takenAt());

    // Entry 0 has no capture date and is nobody's copy: the keys are there, with null.
    Map<String, Object> plain = byId(hits, corpus.entry(0).id());
    assertThat(plain).containsEntry("takenAt", null).containsEntry("duplicateOf", null);
  }

  @Test
  void hybridHitsAddTheirRankFusionFields() {
    List<Map<String, Object>> hits =
        hits(http.get().uri("/api/search?q=bicycle&mode=hybrid&k=5").exchange());

    assertThat(hits)
        .isNotEmpty()
        .allSatisfy(hit -> assertThat(hit).containsKeys(ALWAYS).containsKeys(HYBRID_ONLY));
  }

  /** The corpus has no image without caption or collection: this covers the other nulls. */
  @Test
  void fieldsAnImageLacksAreWrittenAsNull() {
    var bare =
        new ImageDocument(
            "bare",
            ImageIndex.INDEXED,
            null,
            null,
            null,
            null,
            null,
            new ImageFacts(null, null, null, null, null, null, null, null, null),
            null,
            null,
            null,
            null,
            null);
    ImageHit hit = ImageHit.of(bare, Scored.cosine("bare", 0.5), Metric.COSINE, 0.2);

    JsonMapper json = bean(JsonMapper.class);
    Map<String, Object> written =
        json.readValue(json.writeValueAsString(hit), new TypeReference<Map<String, Object>>() {});

    assertThat(written).containsKeys(ALWAYS).doesNotContainKeys(HYBRID_ONLY);
    for (String field :
        List.of(
            "filename",
            "collection",
            "caption",
            "contentType",
            "width",
            "height",
            "sizeBytes",
            "uploadedAt",
            "takenAt",
            "duplicateOf")) {
      assertThat(written).containsEntry(field, null);
    }
    assertThat(written).containsEntry("tags", List.of());
  }

  private static List<Map<String, Object>> hits(WebTestClient.ResponseSpec response) {
    Map<String, Object> body =
        response
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hits = (List<Map<String, Object>>) body.get("hits");
    return hits;
  }

  private static Map<String, Object> byId(List<Map<String, Object>> hits, String id) {
    return hits.stream().filter(h -> id.equals(h.get("id"))).findFirst().orElseThrow();
  }
}
