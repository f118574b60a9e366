package dev.imagesearch.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An S3-compatible store (S3Proxy over the local filesystem), run as a child process. */
public final class S3Store implements AutoCloseable {
  /** Credentials of the local store only; real deployments configure their own. */
  public static final String ACCESS_KEY = "imagesearch-local";

  public static final String SECRET_KEY = "imagesearch-local-secret";
  public static final String REGION = "us-east-1";

  /**
   * @param workDir holds the stored objects; kept between runs
   * @param port 0 for any free port
   */
  public record Settings(Path workDir, Path logFile, int port, String heap, boolean detached) {}

  private final ManagedProcess process;
  private final String endpoint;

  private S3Store(ManagedProcess process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static S3Store start(Settings settings) {
    int port = Ports.resolve(settings.port(), "the S3 store");
    Path work = settings.workDir().toAbsolutePath();
    String endpoint = "http://127.0.0.1:" + port;
    Path config = work.resolve("s3proxy.properties");
    try {
      Files.createDirectories(work.resolve("data"));
      writeOwnerOnly(config, properties(endpoint, work.resolve("data")));
    } catch (IOException e) {
      throw new ServerStartException("could not prepare the S3 store in " + work, e);
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + settings.heap(),
            "-jar",
            Distributions.s3proxyJar().toString(),
            "--properties",
            config.toString());
    ManagedProcess process =
        ManagedProcess.start(
            "S3 store", command, Map.of(), work, settings.logFile(), settings.detached());
    process.awaitReady(Duration.ofSeconds(60), () -> probe(endpoint).up());
    return new S3Store(process, endpoint);
  }

  public String endpoint() {
    return endpoint;
  }

  public ManagedProcess process() {
    return process;
  }

  /** Any HTTP answer (an anonymous request gets 403) means the store is serving. */
  public static Health probe(String endpoint) {
    return HttpProbe.get(endpoint + "/")
        .map(response -> Health.up("HTTP " + response.statusCode()))
        .orElse(Health.down("not reachable at " + endpoint));
  }

  @Override
  public void close() {
    process.close();
  }

  /** The file holds the secret key; one left readable by an older version is made private too. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, ownerOnly);
    } else {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    Files.writeString(file, text);
  }

  private static String properties(String endpoint, Path data) {
    return String.join(
        "\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        "jclouds.filesystem.basedir=" + data,
        "");
  }
}
