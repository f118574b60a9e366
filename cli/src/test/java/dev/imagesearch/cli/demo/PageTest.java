package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every test of the page starts from: drawn photos indexed by {@code imagesearch demo}
 * (stand-in models), and one headless Chromium on the page for all the class's tests. Skips, saying
 * why, without Chromium or free ports. Logs and screenshots under {@code out}.
 */
@NeedsClipVocabulary
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageTest {
  /** Sets up the stack before {@code imagesearch demo} starts it (environment, key). */
  interface Setup {
    void apply(DemoStack stack) throws IOException;
  }

  private final Path out;
  private final int photos;
  private final String language;
  private final Setup setup;
  private final String[] demoOptions;
  private final String whyNot = DemoStack.whyNot();
  DemoStack stack;
  Browser browser;
  SearchPage page;

  /** In English, nothing set up: {@code imagesearch demo} with {@code demoOptions}. */
  PageTest(Path out, int photos, String... demoOptions) {
    this(out, photos, "en-US", stack -> {}, demoOptions);
  }

  /** {@code language}: the browser's, a BCP 47 tag such as "fr-FR". */
  PageTest(Path out, int photos, String language, Setup setup, String... demoOptions) {
    this.out = out;
    this.photos = photos;
    this.language = language;
    this.setup = setup;
    this.demoOptions = demoOptions;
  }

  @BeforeAll
  final void startStackAndBrowser() throws Exception {
    if (whyNot != null) {
      return;
    }
    Path folder = out.resolve("photos");
    Photos.drawFolder(folder, photos);
    stack = new DemoStack(out);
    setup.apply(stack);
    // A busy machine can miss a service's start: up again starts what is not running, and so
    // does the demo, which then only imports.
    assertThat(stack.upPatiently("up")).as(stack.log("up")).isTrue();
    assertThat(stack.demo(folder, demoOptions))
        .contains(photos + " images indexed")
        .contains("Open http://127.0.0.1:8080/");
    browser =
        new Browser(
            Files.createTempDirectory("e2e-chromium-"), out.resolve("driver.log"), language);
    page = new SearchPage(browser, out.resolve("screenshots"));
  }

  @BeforeEach
  final void canRun() {
    assumeTrue(whyNot == null, () -> "Browser tests skipped: " + whyNot);
  }

  /** False where a class reads the console itself (requests it expects to fail). */
  boolean consoleMustStayClean() {
    return true;
  }

  @AfterEach
  final void noConsoleErrors() {
    if (browser != null && consoleMustStayClean()) {
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @AfterAll
  final void stopBrowserAndStack() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (stack != null) {
        stack.stop();
      }
    }
  }
}
