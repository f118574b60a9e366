package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API: the few commands
 * the end-to-end tests need, with no client library.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process driver;
  private final Path profile;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI session;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  Browser(Path profile, Path driverLog) throws IOException, InterruptedException {
    this.profile = profile;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    driver =
        new ProcessBuilder(DRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(driverLog.toFile())
            .start();
    URI base = URI.create("http://127.0.0.1:" + port);
    SearchPage.waitUntil(Duration.ofSeconds(20), "chromedriver ready", () -> ready(base));
    List<String> args =
        List.of(
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
            "--user-data-dir=" + profile);
    Map<String, Object> caps =
        Map.of(
            "browserName", "chrome",
            "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", args),
            "goog:loggingPrefs", Map.of("browser", "ALL"));
    JsonNode created =
        send("POST", base.resolve("/session"), Map.of("capabilities", Map.of("alwaysMatch", caps)));
    session = base.resolve("/session/" + created.path("sessionId").asString() + "/");
  }

  private boolean ready(URI base) {
    try {
      return send("GET", base.resolve("/status"), null).path("ready").asBoolean();
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  void open(String url) throws IOException {
    command("POST", "url", Map.of("url", url));
  }

  void size(int width, int height) throws IOException {
    command("POST", "window/rect", Map.of("width", width, "height", height));
  }

  String find(String css) throws IOException {
    return command("POST", "element", Map.of("using", "css selector", "value", css))
        .path(ELEMENT)
        .asString();
  }

  int count(String css) throws IOException {
    return command("POST", "elements", Map.of("using", "css selector", "value", css)).size();
  }

  void click(String css) throws IOException {
    command("POST", "element/" + find(css) + "/click", Map.of());
  }

  /** Types into an element; for a file input, {@code text} is a path (several: one per line). */
  void type(String css, String text) throws IOException {
    command("POST", "element/" + find(css) + "/value", Map.of("text", text));
  }

  /**
   * Presses a key in the focused element, e.g. {@code "\uE014"} (arrow right), {@code "\uE00C"}.
   */
  void press(String key) throws IOException {
    String active = command("GET", "element/active", null).path(ELEMENT).asString();
    command("POST", "element/" + active + "/value", Map.of("text", key));
  }

  String text(String css) throws IOException {
    return command("GET", "element/" + find(css) + "/text", null).asString();
  }

  JsonNode js(String script, Object... args) throws IOException {
    return command("POST", "execute/sync", Map.of("script", script, "args", List.of(args)));
  }

  String url() throws IOException {
    return command("GET", "url", null).asString();
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(command("GET", "screenshot", null).asString()));
  }

  /** Console messages at SEVERE level since the last call (chromedriver's log endpoint). */
  List<String> consoleErrors() throws IOException {
    List<String> errors = new ArrayList<>();
    for (JsonNode entry : command("POST", "se/log", Map.of("type", "browser"))) {
      if ("SEVERE".equals(entry.path("level").asString())) {
        errors.add(entry.path("message").asString());
      }
    }
    return errors;
  }

  private JsonNode command(String method, String path, Object body) throws IOException {
    return send(method, session.resolve(path), body);
  }

  private JsonNode send(String method, URI uri, Object body) throws IOException {
    var publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .method(method, publisher)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode value = JSON.readTree(response.body()).path("value");
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            method + " " + uri.getPath() + ": " + value.path("message").asString());
      }
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      send("DELETE", URI.create(session.toString().replaceAll("/$", "")), null);
    } finally {
      driver.descendants().forEach(ProcessHandle::destroy); // Chromium, if the session outlived us
      driver.destroy();
      try {
        driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
