package dev.imagesearch.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** A single-node Elasticsearch from the integ-test-zip distribution, run as a child process. */
public final class Elasticsearch implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

  /**
   * @param workDir holds the unpacked distribution, config, data and logs; kept between runs
   * @param httpPort 0 for any free port
   */
  public record Settings(Path workDir, Path logFile, int httpPort, String heap, boolean detached) {}

  private final ManagedProcess process;
  private final String url;

  private Elasticsearch(ManagedProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  public static Elasticsearch start(Settings settings) {
    requireJava21();
    if (settings.httpPort() != 0) {
      Ports.requireFree(settings.httpPort(), "Elasticsearch");
    }
    Path work = settings.workDir().toAbsolutePath();
    Path home = unpack(work.resolve("home"));
    Path config = work.resolve("config");
    Path logs = work.resolve("logs");
    Path portsFile = logs.resolve("http.ports");
    try {
      for (Path dir : List.of(config, work.resolve("data"), logs, work.resolve("tmp"))) {
        Files.createDirectories(dir);
      }
      for (String file : List.of("jvm.options", "log4j2.properties")) {
        Files.copy(
            home.resolve("config").resolve(file),
            config.resolve(file),
            StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(config.resolve("elasticsearch.yml"), yaml(work, settings.httpPort()));
      Files.deleteIfExists(portsFile);
    } catch (IOException e) {
      throw new ServerStartException("could not prepare Elasticsearch in " + work, e);
    }
    Unprivileged.handOver(work);
    Map<String, String> env =
        Map.of(
            "ES_JAVA_HOME", System.getProperty("java.home"),
            "ES_PATH_CONF", config.toString(),
            "ES_TMPDIR", work.resolve("tmp").toString(),
            "ES_JAVA_OPTS",
                "-Xms" + settings.heap() + " -Xmx" + settings.heap() + " -XX:-AlwaysPreTouch");
    ManagedProcess process =
        ManagedProcess.start(
            "Elasticsearch",
            Unprivileged.command(List.of(home.resolve("bin/elasticsearch").toString())),
            env,
            work,
            settings.logFile(),
            settings.detached());
    String[] url = new String[1];
    process.awaitReady(
        Duration.ofSeconds(120),
        () -> {
          if (url[0] == null && Files.isRegularFile(portsFile)) {
            url[0] = "http://" + readFirstLine(portsFile);
          }
          return url[0] != null && probe(url[0]).up();
        });
    return new Elasticsearch(process, url[0]);
  }

  public String url() {
    return url;
  }

  public ManagedProcess process() {
    return process;
  }

  /** Cluster health; green or yellow is up (this has no dedicated GET / endpoint). */
  public static Health probe(String url) {
    return HttpProbe.get(url + "/_cluster/health")
        .map(
            response -> {
              Matcher status = STATUS.matcher(response.body());
              if (response.statusCode() != 200 || !status.find()) {
                return Health.down("HTTP " + response.statusCode());
              }
              return new Health(!"red".equals(status.group(1)), "cluster " + status.group(1));
            })
        .orElse(Health.down("not reachable at " + url));
  }

  @Override
  public void close() {
    process.close();
  }

  private static String yaml(Path work, int httpPort) {
    return String.join(
        "\n",
        "cluster.name: imagesearch",
        "node.name: local",
        "network.host: 127.0.0.1",
        "http.port: " + httpPort,
        "transport.port: 0",
        "discovery.type: single-node",
        // Loopback-only dev and test server. Saying so explicitly also stops the launcher from
        // auto-configuring TLS, passwords and cluster-state encryption.
        "xpack.security.enabled: false",
        "node.portsfile: true",
        "path.data: " + work.resolve("data"),
        "path.logs: " + work.resolve("logs"),
        // A nearly full developer disk must not turn the index read-only under a running demo.
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "");
  }

  private static void requireJava21() {
    int feature = Runtime.version().feature();
    if (feature < 21) {
      throw new ServerStartException(
          "Elasticsearch 9 needs Java 21 or newer, and this JVM is Java "
              + feature
              + ". Run with ./mvnw or ./imagesearch, which pick a JDK >= 21.");
    }
  }

  /** Unpacks the distribution once; the version file marks a complete unpack. */
  private static Path unpack(Path home) {
    String version = Distributions.elasticsearchVersion();
    Path marker = home.resolve(".imagesearch-version");
    try {
      if (Files.isRegularFile(marker) && Files.readString(marker).equals(version)) {
        return home;
      }
      Path zip = Distributions.elasticsearchZip();
      Files.createDirectories(home);
      try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
        Enumeration<ZipArchiveEntry> entries = archive.getEntries();
        while (entries.hasMoreElements()) {
          extract(archive, entries.nextElement(), home);
        }
      }
      Files.writeString(marker, version);
      return home;
    } catch (IOException e) {
      throw new ServerStartException("could not unpack Elasticsearch into " + home, e);
    }
  }

  private static void extract(ZipFile archive, ZipArchiveEntry entry, Path home)
      throws IOException {
    String name = entry.getName();
    String relative = name.substring(name.indexOf('/') + 1); // drop "elasticsearch-<version>/"
    Path target = home.resolve(relative).normalize();
    if (relative.isEmpty() || !target.startsWith(home)) {
      return;
    }
    if (entry.isDirectory()) {
      Files.createDirectories(target);
      return;
    }
    Files.createDirectories(target.getParent());
    try (InputStream in = archive.getInputStream(entry)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if ((entry.getUnixMode() & 0100) != 0) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static String readFirstLine(Path file) {
    try {
      return Files.readAllLines(file).getFirst().trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
