package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * Headless Debian Chromium driven by Selenium through Debian's chromedriver. Both paths are given,
 * so Selenium Manager never runs (it would download a browser and a driver).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;
  private final Path profile;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  /** A browser whose language is American English, whatever the machine's. */
  Browser(Path profile, Path driverLog) {
    this(profile, driverLog, "en-US");
  }

  /**
   * A browser whose preferred language is {@code language} (a BCP 47 tag such as "fr-FR"): the page
   * reads it from navigator.languages, which --accept-lang sets.
   */
  Browser(Path profile, Path driverLog, String language) {
    this.profile = profile;
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(driverLog.toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=" + language,
        "--accept-lang=" + language,
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    driver = new ChromeDriver(service, options);
  }

  void open(String url) {
    driver.get(url);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /**
   * Makes the page see {@code prefers-color-scheme: dark} (or light), as a system setting would.
   */
  void colorScheme(String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  int count(String css) {
    return driver.findElements(By.cssSelector(css)).size();
  }

  void click(String css) {
    find(css).click();
  }

  /** Chooses the option of a select that shows {@code text}, as a person does. */
  void select(String css, String text) {
    new Select(find(css)).selectByVisibleText(text);
  }

  /** Types into an element; for a file input, {@code text} is a path (several: one per line). */
  void type(String css, CharSequence... text) {
    find(css).sendKeys(text);
  }

  /** Presses a key in the focused element, e.g. {@code Keys.ARROW_RIGHT}. */
  void press(CharSequence key) {
    driver.switchTo().activeElement().sendKeys(key);
  }

  String text(String css) {
    return find(css).getText();
  }

  /** Runs a script; numbers come back as Long or Double, arrays as lists. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Console messages at SEVERE level since the last call. */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
