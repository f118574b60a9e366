package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.ApiKeyHash;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * A protected instance ({@code imagesearch.security.api-key-sha256} set) in headless Chromium, in a
 * wide and a phone-sized (390 x 844) window: sign-in, images under the cookie, delete with undo,
 * sign-out. The one key reads and, at the ingest-service, writes. Output in
 * cli/target/e2e-protected/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectedPageE2ETest extends PageTest {
  private static final Path OUT = Path.of("target", "e2e-protected").toAbsolutePath();
  private static final String KEY = "e2e-protected-page-key";
  private static final int PHOTOS = 6;

  ProtectedPageE2ETest() {
    super(
        OUT,
        PHOTOS,
        "en-US",
        stack -> {
          Files.writeString(stack.var().resolve("api-key"), KEY + "\n"); // up keeps a key it finds
          stack.environment("IMAGESEARCH_SECURITY_APIKEYSHA256", ApiKeyHash.of(KEY));
        },
        "--collection",
        "e2e");
  }

  /** The 401s of the page before sign-in are expected: the tests read the console themselves. */
  @Override
  boolean consoleMustStayClean() {
    return false;
  }

  @Test
  @Order(1)
  void signInOpensThePageAndItsThumbnailsAndOriginalsWideAndNarrow() throws Exception {
    for (int width : new int[] {1280, 390}) {
      browser.size(width, width == 390 ? 844 : 900);
      page.open("");
      page.waitFor("the sign-in", () -> page.dialogOpen("sign-in-dialog"));
      assertThat(browser.find("#sign-in-cancel").isDisplayed()).as("no way around it").isFalse();
      browser.type("#sign-in-key", "not-the-key", Keys.ENTER);
      page.waitFor("refused", () -> browser.text("#sign-in-error").equals("Unknown API key."));
      page.shot("01-sign-in-" + width);
      browser.consoleErrors(); // the 401s of the page before sign-in are expected

      browser.type("#sign-in-key", Keys.chord(Keys.CONTROL, "a"), KEY, Keys.ENTER);
      page.waitFor("counts", () -> browser.text("#counts").startsWith(PHOTOS + " images indexed"));
      assertThat(
              browser.js(
                  "return document.cookie + JSON.stringify(localStorage)"
                      + " + JSON.stringify(sessionStorage)"))
          .as("the key is out of the page's reach")
          .asString()
          .doesNotContain(KEY, "imagesearch_key");
      browser.type("#q", "red circles");
      // Scored cards: the page lists the collection, without scores, until the search answers;
      // a click before then would land on a card the results are about to replace.
      page.waitFor("thumbnails", () -> browser.count(".card .score") > 0 && allLoaded(".card img"));
      // On a phone the search bar is fixed at the bottom: a person scrolls the card up first.
      browser.js("arguments[0].scrollIntoView({block: 'center'})", browser.find(".card"));
      browser.click(".card");
      page.waitFor("the original", () -> allLoaded("#detail-img"));
      assertThat(browser.find("#detail-delete").isDisplayed()).isTrue();
      page.shot("02-signed-in-detail-" + width);
      browser.click("#detail-close");
      assertThat(browser.consoleErrors()).isEmpty();
      signOut();
    }
  }

  @Test
  @Order(2)
  void deleteHidesTheImageAtOnceOffersUndoAndSendsTheRequestOnlyAfterTheWindow() throws Exception {
    signIn(1280, 900);
    String id = openFirstResult();
    deleteOpenImage();
    assertThat(visibleCards(id)).as("gone from the results at once").isZero();
    assertThat(metadataStatus(id)).as("the request is withheld").isEqualTo(200);
    page.shot("03-deleted-undo-offered");
    browser.click("#undo");
    assertThat(visibleCards(id)).as("back after undo").isOne();
    Thread.sleep(7_000); // past the undo window: nothing may have been sent
    assertThat(metadataStatus(id)).isEqualTo(200);

    browser.size(390, 844);
    openFirstResult(id);
    deleteOpenImage();
    page.shot("04-deleted-phone");
    page.waitFor("the undo window over", () -> !browser.find("#undo-bar").isDisplayed());
    page.waitFor("deleted on the server", () -> metadataStatus(id) == 404);
    assertThat(visibleCards(id)).isZero();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(3)
  void darkModeFollowsTheSystemAndAPhoneIsWorkedWithOneThumb() throws Exception {
    signIn(1280, 900);
    for (String scheme : List.of("light", "dark")) {
      browser.colorScheme(scheme);
      for (int width : new int[] {1280, 390}) {
        browser.size(width, width == 390 ? 844 : 900);
        openFirstResult();
        page.shot("05-" + scheme + "-" + width + "-detail");
        double background = luminance("html", "backgroundColor");
        double detail = luminance("#detail", "backgroundColor");
        double text = luminance("#detail-title", "color");
        if (scheme.equals("dark")) {
          assertThat(List.of(background, detail)).allMatch(l -> l < 0.1);
          assertThat(text).isGreaterThan(0.6);
        } else {
          assertThat(List.of(background, detail)).allMatch(l -> l > 0.8);
          assertThat(text).isLessThan(0.1);
        }
        if (width == 390) {
          // The detail view's controls sit in the bottom half, where a thumb reaches.
          for (String control : List.of("#detail-close", "#detail-prev", "#detail-next")) {
            assertThat(edge(control, "top")).as(control).isGreaterThan(844 / 2.0);
            assertThat(edge(control, "bottom")).as(control).isLessThanOrEqualTo(844);
          }
        }
        browser.click("#detail-close");
        page.shot("06-" + scheme + "-" + width + "-results");
        if (width == 390) {
          assertThat(noSidewaysScrolling()).isTrue();
          for (String control : List.of("#q", "#search-form button[type=submit]", "#pick-image")) {
            assertThat(edge(control, "top")).as(control).isGreaterThan(844 / 2.0);
            assertThat(edge(control, "bottom")).as(control).isLessThanOrEqualTo(844);
          }
          assertThat(smallestButtonHeight()).as("touch targets").isGreaterThanOrEqualTo(44);
        }
      }
    }
    browser.colorScheme("light");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(4)
  void signOutAsksForTheKeyAgainAndTheApiIsClosed() throws Exception {
    signIn(390, 844);
    browser.click("#sign-out");
    page.waitFor("the sign-in again", () -> page.dialogOpen("sign-in-dialog"));
    Object status = browser.js("return fetch('/api/info').then(r => r.status)");
    assertThat(status).isEqualTo(401L);
    browser.consoleErrors();
  }

  private void signIn(int width, int height) throws Exception {
    browser.size(width, height);
    page.open("");
    page.waitFor(
        "the session read",
        () -> page.dialogOpen("sign-in-dialog") || browser.find("#sign-out").isDisplayed());
    if (page.dialogOpen("sign-in-dialog")) {
      browser.type("#sign-in-key", KEY, Keys.ENTER);
      page.waitFor("signed in", () -> browser.find("#sign-out").isDisplayed());
    }
    browser.consoleErrors();
  }

  private void signOut() throws Exception {
    browser.click("#sign-out");
    page.waitFor("signed out", () -> page.dialogOpen("sign-in-dialog"));
  }

  private String openFirstResult(String... expected) throws Exception {
    browser.open(SearchPage.URL + "?q=red+circles");
    page.waitFor("results", () -> browser.count(".card .score") > 0);
    String id = expected.length > 0 ? expected[0] : page.firstId();
    String card = ".card[data-id='" + id + "']";
    // A person scrolls the card up first: on a phone the search bar is fixed at the bottom, over
    // the place where WebDriver's own scrolling leaves it.
    browser.js("arguments[0].scrollIntoView({block: 'center'})", browser.find(card));
    browser.click(card);
    page.waitFor("the detail", () -> browser.find("#detail-delete").isDisplayed());
    return id;
  }

  private void deleteOpenImage() throws Exception {
    browser.click("#detail-delete");
    assertThat(browser.text("#delete-confirm")).contains("Delete this image for everyone?");
    browser.click("#delete-yes");
    assertThat(browser.find("#undo-bar").isDisplayed()).isTrue();
    assertThat(browser.text("#undo-text")).startsWith("Deleted ");
  }

  /** The relative luminance (0 black, 1 white) of an element's computed colour property. */
  private double luminance(String css, String property) {
    return ((Number)
            browser.js(
                "const [r, g, b] = getComputedStyle(document.querySelector(arguments[0]))"
                    + "[arguments[1]].match(/[\\d.]+/g).map(Number).map(v => v / 255)"
                    + ".map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);"
                    + "return 0.2126 * r + 0.7152 * g + 0.0722 * b;",
                css,
                property))
        .doubleValue();
  }

  /** One edge of an element's box ("top", "bottom"), in pixels from the top of the window. */
  private double edge(String css, String side) {
    return ((Number)
            browser.js(
                "return document.querySelector(arguments[0]).getBoundingClientRect()[arguments[1]]",
                css,
                side))
        .doubleValue();
  }

  private boolean noSidewaysScrolling() {
    return (Boolean) browser.js("return document.documentElement.scrollWidth <= innerWidth");
  }

  /** The height of the smallest button a person can see and press. */
  private double smallestButtonHeight() {
    return ((Number)
            browser.js(
                "return Math.min(...[...document.querySelectorAll('button, .button')]"
                    + ".filter(b => b.offsetParent !== null && !b.closest('.card, dialog'))"
                    + ".map(b => b.getBoundingClientRect().height))"))
        .doubleValue();
  }

  private long visibleCards(String id) {
    return (Long)
        browser.js(
            "return [...document.querySelectorAll(`.card[data-id='${arguments[0]}']`)]"
                + ".filter(c => c.offsetParent !== null).length",
            id);
  }

  private boolean allLoaded(String css) {
    return (Boolean)
        browser.js(
            "return [...document.querySelectorAll(arguments[0])]"
                + ".every(i => i.complete && i.naturalWidth > 0)",
            css);
  }

  /** search-api's answer for the image's metadata, asked with the key. */
  private static int metadataStatus(String id) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/images/" + id))
              .header("X-Api-Key", KEY)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
