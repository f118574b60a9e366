package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.Keys;

/** What the tests do on the search page, in its words: drop an image, read scores, wait. */
final class SearchPage {
  static final String URL = "http://127.0.0.1:8080/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern COUNTS =
      Pattern.compile("(\\d+) images indexed(?: · (\\d+) pending)?(?: · (\\d+) failed)?");

  interface Check {
    boolean test() throws IOException, InterruptedException;
  }

  private final Browser browser;
  private final Path screenshots;

  SearchPage(Browser browser, Path screenshots) {
    this.browser = browser;
    this.screenshots = screenshots;
  }

  /**
   * Opens the page and waits until it has settled: the stand-in banner and the collections arrive
   * after the first paint, and a click aimed before they do can land on whatever moved there.
   */
  void open(String query) throws IOException, InterruptedException {
    browser.open(URL + query);
    waitFor("the page settled", () -> browser.count("body[aria-busy]") == 0);
  }

  /** Opens the upload panel signed in: the key lives in search-api's cookie, not in the page. */
  void openUploadPanel(String apiKey) throws IOException, InterruptedException {
    open("");
    waitFor("the session read", () -> shown("#sign-in") || shown("#sign-out"));
    if (shown("#sign-in")) {
      browser.click("#sign-in");
      browser.type("#sign-in-key", apiKey, Keys.ENTER);
      waitFor("signed in", () -> shown("#sign-out")); // the page reloads with the cookie
      waitFor("the page settled", () -> browser.count("body[aria-busy]") == 0);
    }
    browser.click("#open-upload");
  }

  private boolean shown(String css) {
    return browser.find(css).isDisplayed();
  }

  /** A drop of the file on the page, as a person dragging it from their desktop does. */
  void drop(Path file, String type) throws IOException {
    dispatch(
        "document.body.dispatchEvent(new DragEvent('drop', "
            + "{ dataTransfer: transfer, bubbles: true, cancelable: true }))",
        List.of(file),
        type);
  }

  /** A paste of a copied image (Ctrl+V), as from a screenshot tool's clipboard. */
  void paste(Path file, String type) throws IOException {
    dispatch(
        "document.dispatchEvent(new ClipboardEvent('paste', "
            + "{ clipboardData: transfer, bubbles: true, cancelable: true }))",
        List.of(file),
        type);
  }

  /** A drop of several files at once on the open upload panel. */
  void dropOnUploadPanel(List<Path> files, String type) throws IOException {
    dispatch(
        "document.getElementById('upload').dispatchEvent(new DragEvent('drop', "
            + "{ dataTransfer: transfer, bubbles: true, cancelable: true }))",
        files,
        type);
  }

  /** Runs {@code event} with {@code transfer}, a DataTransfer holding the files' bytes. */
  private void dispatch(String event, List<Path> files, String type) throws IOException {
    List<String> contents = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      contents.add(Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      names.add(file.getFileName().toString());
    }
    browser.js(
        """
        const [contents, names, type] = arguments;
        const transfer = new DataTransfer();
        contents.forEach((b64, i) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          transfer.items.add(new File([bytes], names[i], { type }));
        });
        """
            + event
            + ";",
        contents,
        names,
        type);
  }

  String firstId() throws IOException {
    return (String) browser.js("return document.querySelector('.card')?.dataset.id ?? null");
  }

  List<String> scores() {
    return strings(
        "return [...document.querySelectorAll('.card .score')].map((e) => e.textContent)");
  }

  /** The text of every element {@code css} selects, in order. */
  List<String> texts(String css) {
    return strings(
        "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)", css);
  }

  /** The alt text of every image {@code css} selects, in order. */
  List<String> altTexts(String css) {
    return strings("return [...document.querySelectorAll(arguments[0])].map((e) => e.alt)", css);
  }

  /** The ids of the results, in order. */
  List<String> ids() {
    return strings("return [...document.querySelectorAll('.card')].map((e) => e.dataset.id)");
  }

  private List<String> strings(String script, Object... args) {
    List<String> out = new ArrayList<>();
    for (Object value : (List<?>) browser.js(script, args)) {
      out.add((String) value);
    }
    return out;
  }

  /** The raw scores of the results, in order, at full precision. */
  List<Double> rawScores() {
    List<Double> out = new ArrayList<>();
    for (Object value :
        (List<?>)
            browser.js(
                "return [...document.querySelectorAll('.card')].map((e) => Number(e.dataset.score))")) {
      out.add(((Number) value).doubleValue());
    }
    return out;
  }

  /** The header's counts: "N images indexed · P pending · F failed", zero parts left out. */
  record Counts(long indexed, long pending, long failed) {}

  /** Waits for the header to show counts (it fills in after the page loads), then reads them. */
  Counts counts() throws IOException, InterruptedException {
    waitFor("counts in the header", () -> COUNTS.matcher(browser.text("#counts")).matches());
    Matcher m = COUNTS.matcher(browser.text("#counts"));
    if (!m.matches()) {
      throw new IllegalStateException("not counts: " + browser.text("#counts"));
    }
    return new Counts(
        Long.parseLong(m.group(1)),
        m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
        m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
  }

  /** The address of the page's latest call to the search API, with its parameters. */
  String lastSearchRequest() {
    return (String)
        browser.js(
            "return performance.getEntriesByType('resource').map((e) => e.name)"
                + ".filter((n) => n.includes('/api/search')).at(-1) ?? null");
  }

  /** Sets a date field as the date picker does, then fires the change the page listens to. */
  void setDate(String id, String isoDate) {
    browser.js(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('change', { bubbles: true }));",
        id,
        isoDate);
  }

  boolean dialogOpen(String id) throws IOException {
    return (Boolean) browser.js("return document.getElementById(arguments[0]).open", id);
  }

  /** Takes a screenshot at phone width; true when the page needs no sideways scrolling. */
  boolean fitsPhoneWidth(String shot) throws IOException {
    browser.size(390, 844);
    try {
      shot(shot);
      return (Boolean) browser.js("return document.documentElement.scrollWidth <= innerWidth");
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
