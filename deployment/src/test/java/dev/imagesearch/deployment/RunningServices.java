package dev.imagesearch.deployment;

import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.RealServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The three service jars from target/, started as their images run them (java -jar) on free ports
 * against the test's real Elasticsearch, Kafka and S3: what an operator's Prometheus would scrape.
 */
final class RunningServices implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(5);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path logs;
  private final Map<Service, URI> urls = new EnumMap<>(Service.class);
  private final Map<Service, URI> managementUrls = new EnumMap<>(Service.class);
  private final List<Process> processes = new ArrayList<>();

  private RunningServices(Path logs) {
    this.logs = logs;
  }

  /** Starts all three and returns once each is ready. */
  static RunningServices start(String ingestKeySha256) throws IOException {
    RunningServices services = new RunningServices(Files.createTempDirectory("services-"));
    try {
      for (Service service : Service.values()) {
        services.launch(service, service == Service.INGEST_SERVICE ? ingestKeySha256 : null);
      }
      for (Service service : Service.values()) {
        services.awaitReady(service);
      }
      return services;
    } catch (RuntimeException | Error e) {
      services.close();
      throw e;
    }
  }

  URI url(Service service, String path) {
    return urls.get(service).resolve(path);
  }

  /** An actuator endpoint, on the service's management port (decision 0026). */
  private URI actuator(Service service, String endpoint) {
    return managementUrls.get(service).resolve("/actuator/" + endpoint);
  }

  /** The service's Prometheus exposition. */
  String scrape(Service service) {
    return send(HttpRequest.newBuilder(actuator(service, "prometheus")).build()).body();
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Scrapes the service until its exposition satisfies {@code done}. */
  String awaitScrape(Service service, Predicate<String> done, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      String text = scrape(service);
      if (done.test(text) || Instant.now().isAfter(deadline)) {
        return text;
      }
      sleep();
    }
  }

  private void launch(Service service, String keySha256) throws IOException {
    int port = RealServers.freePort();
    urls.put(service, URI.create("http://127.0.0.1:" + port));
    int management = service.separateManagementPort() ? RealServers.freePort() : port;
    managementUrls.put(service, URI.create("http://127.0.0.1:" + management));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                service == Service.EMBED_WORKER ? "-Xmx1g" : "-Xmx512m",
                "-XX:+UseSerialGC",
                "-jar",
                Repo.path(service.module + "/target/" + service.module + ".jar").toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--imagesearch.elasticsearch.url=" + RealServers.elasticsearch().url(),
                "--spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
                "--imagesearch.s3.endpoint=" + RealServers.s3().endpoint(),
                "--imagesearch.s3.region=" + S3Store.REGION,
                "--imagesearch.s3.access-key=" + S3Store.ACCESS_KEY,
                "--imagesearch.s3.secret-key=" + S3Store.SECRET_KEY,
                "--imagesearch.s3.create-bucket=true"));
    if (service.separateManagementPort()) {
      command.add("--management.server.port=" + management);
    }
    if (keySha256 != null) {
      command.add("--imagesearch.security.api-keys[0].name=writer");
      command.add("--imagesearch.security.api-keys[0].sha256=" + keySha256);
      command.add("--imagesearch.security.api-keys[0].role=WRITE");
    }
    Path log = logs.resolve(service.module + ".log");
    processes.add(
        new ProcessBuilder(command)
            .directory(Repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start());
  }

  private void awaitReady(Service service) {
    Process process = processes.get(service.ordinal());
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        var request = HttpRequest.newBuilder(actuator(service, "health/readiness")).build();
        if (send(request).statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // Not listening yet.
      }
      sleep();
    }
    throw new AssertionError(
        service.module + " did not become ready within " + START + "; its log:\n" + tail(service));
  }

  private String tail(Service service) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve(service.module + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the services and deletes their logs. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (var files = Files.walk(logs)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + logs + ": " + e);
    }
  }
}
