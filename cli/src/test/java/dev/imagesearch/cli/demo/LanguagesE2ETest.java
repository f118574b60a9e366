package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The page in a browser whose language is French: French words, numbers and dates, the switch to
 * English, remembered. (The other browser tests run the page in English.) Output in
 * cli/target/e2e-languages/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LanguagesE2ETest extends PageTest {
  private static final Path OUT = Path.of("target", "e2e-languages").toAbsolutePath();
  private static final int PHOTOS = 3;

  /** French puts a no-break space (narrow or not) before "%" and ":", and groups with one. */
  private static final String SPACE = "[ \\u00a0\\u202f]";

  LanguagesE2ETest() {
    super(OUT, PHOTOS, "fr-FR", stack -> {}, "--collection", "e2e");
  }

  @Test
  @Order(1)
  void aFrenchBrowserGetsTheFrenchPage() throws Exception {
    page.open("");
    page.waitFor("the count", () -> browser.text("#counts").equals(PHOTOS + " images indexées"));
    assertThat(browser.js("return document.documentElement.lang")).isEqualTo("fr");
    assertThat(browser.find("#language").getDomProperty("value")).isEqualTo("fr");
    assertThat(browser.text("#open-upload")).isEqualTo("Importer");
    assertThat(browser.text("#standin-banner")).contains("les résultats ne sont pas sémantiques");
    assertThat(browser.find("#q").getDomAttribute("placeholder")).startsWith("Décrivez une image");
    assertThat(browser.text("#metric-hint")).contains("toute la collection");
    browser.click("#more summary");
    assertThat(browser.text("#tw-out")).isEqualTo("1,0"); // a decimal comma
    assertThat(browser.text("#sort")).contains("par pertinence");
    page.shot("01-fr-home");
  }

  @Test
  @Order(2)
  void scoresCountsAndDatesFollowTheFrenchLocale() throws Exception {
    page.open("?q=cercles");
    page.waitFor("scored cards", () -> browser.count(".card .score") == PHOTOS);
    assertThat(page.scores()).allMatch(s -> s.matches("similarité -?\\d,\\d\\d"));
    assertThat(browser.text("#result-count")).startsWith(PHOTOS + " résultats"); // weak ones too
    assertThat(browser.text("#metric-hint"))
        .startsWith("Recherche par texte, vecteurs CLIP.")
        .contains("Similarité cosinus");

    browser.click(".card");
    page.waitFor("the details", () -> browser.text("#detail-meta").contains("Importée le"));
    assertThat(browser.text("#detail-score"))
        .matches(Pattern.compile("similarité -?\\d,\\d\\d · semblable à -?\\d+" + SPACE + "%.*"));
    assertThat(detail("Poids")).matches("\\d+,\\d ko \\(image/[a-z]+\\)");
    // Intl's French medium date, "5 déc. 2026, 14:03", not "Dec 5, 2026, 2:03 PM".
    assertThat(detail("Importée le")).matches("\\d{1,2} \\p{L}+\\.? \\d{4}.* \\d{2}:\\d{2}");
    assertThat(detail("État")).isEqualTo("indexée");
    page.shot("02-fr-detail");
    browser.click("#detail-close");
  }

  @Test
  @Order(3)
  void anUploadIsReportedInFrench() throws Exception {
    Path photo = Photos.draw(OUT.resolve("uploads/nouvelle.png"), 700);
    page.openUploadPanel(stack.apiKey());
    assertThat(browser.text("#upload-title")).isEqualTo("Importer des images");
    browser.type("#up-files", photo.toString());
    String indexed = "#upload-list [data-status=indexed]";
    SearchPage.waitUntil(Duration.ofMinutes(2), "indexed", () -> browser.count(indexed) == 1);
    assertThat(browser.text(indexed + " .status")).isEqualTo("indexée");
    assertThat(browser.text("#upload-summary"))
        .matches("1 fichier — indexé" + SPACE + ": 1, en attente" + SPACE + ": 0.*");
    page.shot("03-fr-upload");
    browser.click("#upload-close");
  }

  @Test
  @Order(4)
  void theSwitchTurnsThePageToEnglishAndIsRemembered() throws Exception {
    page.open("?q=circles");
    page.waitFor("scored cards", () -> browser.count(".card .score") > 0);
    browser.select("#language", "English");
    page.waitFor("English", () -> "en".equals(browser.js("return document.documentElement.lang")));
    assertThat(browser.text("#open-upload")).isEqualTo("Upload");
    assertThat(browser.text("#counts")).isEqualTo(PHOTOS + 1 + " images indexed");
    assertThat(browser.text("#metric-hint")).startsWith("Text search, CLIP vectors.");
    page.waitFor(
        "English scores",
        () ->
            !page.scores().isEmpty()
                && page.scores().stream().allMatch(s -> s.matches("similarity -?\\d\\.\\d\\d")));
    page.shot("04-switched-to-english");

    page.open("?q=circles"); // a reload: the choice outlives the page
    assertThat(browser.text("#open-upload")).isEqualTo("Upload");
    assertThat(browser.find("#language").getDomProperty("value")).isEqualTo("en");
    browser.select("#language", "Français");
    page.waitFor("French again", () -> browser.text("#open-upload").equals("Importer"));
    assertThat(browser.text("#counts")).isEqualTo(PHOTOS + 1 + " images indexées");
  }

  /** The value of the detail view's row named {@code name}. */
  private String detail(String name) {
    return (String)
        browser.js(
            "return [...document.querySelectorAll('#detail-meta dt')]"
                + ".find((dt) => dt.textContent === arguments[0])?.nextElementSibling.textContent",
            name);
  }
}
