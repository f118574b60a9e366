package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What the tests do on the search page, in its words: drop an image, read scores, wait. */
final class SearchPage {
  static final String URL = "http://127.0.0.1:8080/";
  private static final Duration WAIT = Duration.ofSeconds(30);

  interface Check {
    boolean test() throws IOException;
  }

  private final Browser browser;
  private final Path screenshots;

  SearchPage(Browser browser, Path screenshots) {
    this.browser = browser;
    this.screenshots = screenshots;
  }

  void open(String query) throws IOException {
    browser.open(URL + query);
  }

  void openUploadPanel(String apiKey) throws IOException {
    open("");
    browser.click("#open-upload");
    browser.js("localStorage.clear(); document.getElementById('api-key').value = ''");
    browser.type("#api-key", apiKey + "\uE004"); // Tab: the key is remembered on change
  }

  /** A drop of the file on the page, as a person dragging it from their desktop does. */
  void drop(Path file, String type) throws IOException {
    browser.js(
        """
        const [b64, name, type] = arguments;
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type }));
        document.body.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        """,
        Base64.getEncoder().encodeToString(Files.readAllBytes(file)),
        file.getFileName().toString(),
        type);
  }

  String firstId() throws IOException {
    return browser.js("return document.querySelector('.card')?.dataset.id ?? null").asString();
  }

  List<String> scores() throws IOException {
    List<String> out = new ArrayList<>();
    browser
        .js("return [...document.querySelectorAll('.card .score')].map((e) => e.textContent)")
        .forEach(node -> out.add(node.asString()));
    return out;
  }

  /** The raw scores of the results, in order, at full precision. */
  List<Double> rawScores() throws IOException {
    List<Double> out = new ArrayList<>();
    browser
        .js("return [...document.querySelectorAll('.card')].map((e) => Number(e.dataset.score))")
        .forEach(node -> out.add(node.asDouble()));
    return out;
  }

  boolean dialogOpen(String id) throws IOException {
    return browser.js("return document.getElementById(arguments[0]).open", id).asBoolean();
  }

  /** Takes a screenshot at phone width; true when the page needs no sideways scrolling. */
  boolean fitsPhoneWidth(String shot) throws IOException {
    browser.size(390, 844);
    try {
      shot(shot);
      return browser.js("return document.documentElement.scrollWidth <= innerWidth").asBoolean();
    } finally {
      browser.size(1280, 900);
    }
  }

  void shot(String name) throws IOException {
    browser.screenshot(screenshots.resolve(name + ".png"));
  }

  void waitFor(String what, Check check) throws IOException, InterruptedException {
    waitUntil(WAIT, what, check);
  }

  /** Polls until {@code check} holds; a missing element counts as "not yet". */
  static void waitUntil(Duration timeout, String what, Check check)
      throws IOException, InterruptedException {
    Instant end = Instant.now().plus(timeout);
    for (; ; ) {
      try {
        if (check.test()) {
          return;
        }
      } catch (RuntimeException | IOException notYet) {
        if (Instant.now().isAfter(end)) {
          throw new AssertionError(what + ": " + notYet.getMessage(), notYet);
        }
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(what + ": still not the case after " + timeout);
      }
      Thread.sleep(200);
    }
  }
}
