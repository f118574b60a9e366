package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.api.Test;

/** Floors in the test context: vgg16 and clip 0.99 (see SearchApiTest). */
class WeakMatchTest extends SearchApiTestBase {
  @Test
  void hitsBelowTheModelsFloorAreWeakAndTheResponseSaysWhenAllAre() {
    var response = search("/api/search?q=a red bicycle&mode=semantic&k=200");

    assertThat(response.weakMatchFloor()).isEqualTo(0.99);
    assertThat(response.hits())
        .isNotEmpty()
        .allSatisfy(hit -> assertThat(hit.weakMatch()).isTrue());
    assertThat(response.allWeak()).isTrue();
  }

  @Test
  void theFlagFollowsTheCosineAndAnExactMatchIsNeverWeak() {
    var body = withImage(corpus.entry(2).bytes());
    body.part("k", "200");

    var response = postOk(body);

    assertThat(response.weakMatchFloor()).isEqualTo(0.99);
    assertThat(response.allWeak()).isFalse();
    assertThat(response.hits().getFirst().weakMatch()).isFalse();
    assertThat(response.hits()).anyMatch(ImageHit::weakMatch);
    assertThat(response.hits())
        .allSatisfy(hit -> assertThat(hit.weakMatch()).isEqualTo(hit.score() < 0.99));
  }

  @Test
  void l1HitsAreJudgedByTheirCosineToo() {
    var body = withImage(corpus.entry(2).bytes());
    body.part("k", "200");
    body.part("metric", "l1");

    var response = postOk(body);

    var cosine = postOk(withK(corpus.entry(2).bytes()));
    var weakIds = cosine.hits().stream().filter(ImageHit::weakMatch).map(ImageHit::id).toList();
    assertThat(response.hits())
        .filteredOn(ImageHit::weakMatch)
        .extracting(ImageHit::id)
        .containsExactlyInAnyOrderElementsOf(weakIds);
  }

  private static org.springframework.http.client.MultipartBodyBuilder withK(byte[] image) {
    var body = withImage(image);
    body.part("k", "200");
    return body;
  }
}
