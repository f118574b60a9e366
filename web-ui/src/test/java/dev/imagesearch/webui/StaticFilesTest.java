package dev.imagesearch.webui;

import static dev.imagesearch.webui.PageFiles.files;
import static dev.imagesearch.webui.PageFiles.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page is served from one origin with no build step: every file it loads is one of its own, and
 * it never reaches for a CDN or any other host.
 */
class StaticFilesTest {
  private static final Path STATIC = PageFiles.STATIC;
  private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
  private static final Pattern JS_IMPORT = Pattern.compile("from '([^']+)'");
  private static final Pattern ABSOLUTE_URL =
      Pattern.compile("(?i)(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");

  @Test
  void theHtmlLoadsOnlyItsOwnFiles() throws IOException {
    List<String> references =
        matches(HTML_REFERENCE, Files.readString(STATIC.resolve("index.html")));
    assertThat(references).contains("style.css", "app.js", "data:,");
    for (String reference : references) {
      if (!reference.startsWith("data:") && !reference.equals("/")) {
        assertThat(STATIC.resolve(reference)).as(reference).isRegularFile();
      }
    }
  }

  @Test
  void everyModuleImportIsAFileOfThePage() throws IOException {
    for (Path js : files(".js")) {
      for (String imported : matches(JS_IMPORT, Files.readString(js))) {
        assertThat(imported).as(js + " imports " + imported).startsWith("./");
        assertThat(STATIC.resolve(imported)).as(js + " imports " + imported).isRegularFile();
      }
    }
  }

  @Test
  void noFileNamesAnotherHost() throws IOException {
    List<Path> all = new ArrayList<>(files(".js"));
    all.addAll(files(".css"));
    all.addAll(files(".html"));
    assertThat(all).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : all) {
      assertThat(matches(ABSOLUTE_URL, Files.readString(file))).as(file.toString()).isEmpty();
    }
  }

  /**
   * The search-api serves the page with a Content-Security-Policy that allows no inline script or
   * style and no eval (search-api PageSecurityHeaders): the page must need none.
   */
  @Test
  void thePageNeedsNoInlineScriptStyleOrEval() throws IOException {
    String html = Files.readString(STATIC.resolve("index.html"));
    assertThat(matches(Pattern.compile("(<script(?![^>]*\\ssrc=)[^>]*>)"), html)).isEmpty();
    assertThat(html).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=");
    assertThat(matches(Pattern.compile("\\s(on[a-z]+)=", Pattern.CASE_INSENSITIVE), html))
        .isEmpty();
    for (Path js : files(".js")) {
      assertThat(Files.readString(js))
          .as(js.toString())
          .doesNotContain("eval(")
          .doesNotContain("new Function(")
          .doesNotContain("innerHTML")
          .doesNotContain("setAttribute('style'")
          .doesNotContain("createElement('style')");
    }
  }
}
