package dev.imagesearch.cli.demo;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real local stack for the browser tests, started by {@code imagesearch demo} in a child JVM
 * with its own {@code IMAGESEARCH_VAR}, and stopped with {@code imagesearch down}.
 */
final class DemoStack {
  /** The checkout: set by the build, else the parent of cli/ where surefire runs. */
  static final Path HOME =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  private static final List<String> SERVICES =
      List.of("ingest-service", "embed-worker", "search-api");
  private static final int[] PORTS = {8080, 8081, 8082, 9200, 9092, 9093, 9000};

  private final Path var;
  private final Path logs;

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

  DemoStack(Path logs) throws IOException {
    this.logs = Files.createDirectories(logs);
    // Elasticsearch runs as nobody when the tests run as root: it must reach its folder.
    this.var =
        Files.createTempDirectory(
            "imagesearch-e2e-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  Path var() {
    return var;
  }

  String apiKey() throws IOException {
    return Files.readString(var.resolve("api-key")).strip();
  }

  /** Runs {@code imagesearch ARGS} in a child JVM; its output goes to target/e2e/NAME.log. */
  int cli(String name, long timeoutMinutes, String... args)
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
    builder.environment().put("IMAGESEARCH_VAR", var.toString());
    Process process = builder.start();
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
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
  void stop() throws IOException, InterruptedException {
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
