package dev.imagesearch.cli.demo;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real local stack for the browser tests and the chaos harness, started by {@code imagesearch
 * demo} or {@code up} in a child JVM with its own {@code IMAGESEARCH_VAR}, and stopped with {@code
 * imagesearch down}.
 */
public final class DemoStack {
  /** The checkout: set by the build, else the parent of cli/ where surefire runs. */
  static final Path HOME =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  private static final List<String> SERVICES =
      List.of("ingest-service", "embed-worker", "search-api");
  private static final int[] PORTS = {8080, 8081, 8082, 8090, 8091, 9200, 9092, 9093, 9000};

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path var;
  private final Path logs;
  private final Map<String, String> environment = new HashMap<>();

  /** Why the browser tests cannot run here (also printed), or null when they can. */
  static String whyNot() {
    String why = reason();
    if (why != null) {
      System.out.println("Browser tests skipped: " + why);
    }
    return why;
  }

  private static String reason() {
    if ("false".equals(System.getProperty("imagesearch.e2e"))) {
      return "browser tests turned off with -Dimagesearch.e2e=false";
    }
    if (!Browser.available()) {
      return "no Chromium: apt-get install chromium chromium-driver (looked for "
          + Browser.CHROMIUM
          + " and "
          + Browser.DRIVER
          + ")";
    }
    return missing();
  }

  /** Why the stack cannot start here (services not built, ports taken), or null when it can. */
  public static String missing() {
    for (String service : SERVICES) {
      Path jar = HOME.resolve(service).resolve("target").resolve(service + ".jar");
      if (!Files.isRegularFile(jar)) {
        return jar + " is missing: build the services first (./mvnw -B verify does)";
      }
    }
    for (int port : PORTS) {
      if (listening(port)) {
        return "port " + port + " is in use (is a stack running? ./imagesearch down)";
      }
    }
    return null;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public DemoStack(Path logs) throws IOException {
    this.logs = Files.createDirectories(logs);
    // Elasticsearch runs as nobody when the tests run as root: it must reach its folder.
    this.var =
        Files.createTempDirectory(
            "imagesearch-e2e-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** An environment variable for the CLI and so for the stack it starts, e.g. Spring settings. */
  public DemoStack environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public Path var() {
    return var;
  }

  public String apiKey() throws IOException {
    return Files.readString(var.resolve("api-key")).strip();
  }

  /** Runs {@code imagesearch ARGS} in a child JVM; its output goes to target/e2e/NAME.log. */
  public int cli(String name, long timeoutMinutes, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "-Dimagesearch.home=" + HOME,
            "-Dai.djl.offline=true",
            "dev.imagesearch.cli.ImagesearchCommand"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(HOME.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".log").toFile());
    builder.environment().putAll(environment);
    builder.environment().put("IMAGESEARCH_VAR", var.toString());
    Process process = builder.start();
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /**
   * Stops one service of the running stack, as a crash or a redeploy would; {@code imagesearch up}
   * starts it again.
   */
  void stopService(String service) throws IOException, InterruptedException {
    String[] pidFile = Files.readString(var.resolve("run").resolve(service + ".pid")).split(" ");
    ProcessHandle process = ProcessHandle.of(Long.parseLong(pidFile[0])).orElseThrow();
    process.destroy();
    for (int i = 0; i < 900 && process.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(process.isAlive()).as(service + " stopped").isFalse();
  }

  void up() throws IOException, InterruptedException {
    assertThat(cli("up", 5, "up")).as(log("up")).isZero();
  }

  /**
   * {@code imagesearch up}, again if a service missed its 90 s start on a busy machine (up to three
   * times): it starts only what is not running. Logs go to NAME.log, NAME-2.log, ...
   */
  public boolean upPatiently(String name) throws IOException, InterruptedException {
    for (int attempt = 1; attempt <= 3; attempt++) {
      if (cli(name + (attempt == 1 ? "" : "-" + attempt), 5, "up") == 0) {
        return true;
      }
    }
    return false;
  }

  /** Uploads straight to the ingest-service, as another person or the CLI would. */
  String upload(Path file) throws IOException, InterruptedException {
    String boundary = "e2e-" + System.nanoTime();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/images"))
            .header("Authorization", "Bearer " + apiKey())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofByteArray(tail)))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      return response.body();
    }
  }

  /** The image an indexed one nearly duplicates, from search-api's metadata; null if none. */
  String duplicateOf(String id) throws IOException, InterruptedException {
    JsonNode duplicateOf = getJson("/api/images/" + id).path("duplicateOf");
    return duplicateOf.isString() ? duplicateOf.asString() : null;
  }

  JsonNode getJson(String pathOrUrl) throws IOException, InterruptedException {
    return JSON.readTree(getBytes(pathOrUrl));
  }

  /** A GET from search-api, by path or by the whole URL the page asked for; must answer 200. */
  byte[] getBytes(String pathOrUrl) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:8080/").resolve(pathOrUrl);
    try (HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
      HttpResponse<byte[]> response =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode())
          .as(uri + ": " + new String(response.body(), StandardCharsets.UTF_8))
          .isEqualTo(200);
      return response.body();
    }
  }

  /** Runs {@code imagesearch demo FOLDER OPTIONS}; returns what it printed once it ended ready. */
  String demo(Path folder, String... options) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("demo", folder.toString(), "--progress", "plain"));
    args.addAll(List.of(options));
    int exit = cli("demo", 10, args.toArray(String[]::new));
    assertThat(exit).as(log("demo")).isZero();
    return log("demo");
  }

  String log(String name) throws IOException {
    return Files.readString(logs.resolve(name + ".log"));
  }

  /** Stops the stack, keeps its logs under target/e2e/ and deletes its data. */
  public void stop() throws IOException, InterruptedException {
    try {
      cli("down", 3, "down");
      try (Stream<Path> files = Files.list(var.resolve("log"))) {
        for (Path log : files.toList()) {
          Files.copy(log, logs.resolve("stack-" + log.getFileName()), REPLACE_EXISTING);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(var)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
