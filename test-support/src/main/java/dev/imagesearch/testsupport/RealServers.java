package dev.imagesearch.testsupport;

import dev.imagesearch.localstack.Elasticsearch;
import dev.imagesearch.localstack.Kafka;
import dev.imagesearch.localstack.S3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/**
 * Real Elasticsearch, Kafka and S3 servers for tests: each starts on first use, once per test JVM,
 * on free loopback ports, and all stop together (see {@link WithRealServers}).
 */
public final class RealServers {
  private static final List<AutoCloseable> STARTED = new ArrayList<>();
  private static Path root;
  private static Elasticsearch elasticsearch;
  private static Kafka kafka;
  private static S3Store s3;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(RealServers::stopAll, "real-servers-stop"));
  }

  private RealServers() {}

  public static synchronized Elasticsearch elasticsearch() {
    if (elasticsearch == null) {
      Path dir = dir("elasticsearch");
      elasticsearch =
          started(
              Elasticsearch.start(
                  new Elasticsearch.Settings(dir, dir.resolve("console.log"), 0, "512m", false)));
    }
    return elasticsearch;
  }

  public static synchronized Kafka kafka() {
    if (kafka == null) {
      Path dir = dir("kafka");
      kafka =
          started(
              Kafka.start(new Kafka.Settings(dir, dir.resolve("kafka.log"), 0, 0, "512m", false)));
    }
    return kafka;
  }

  public static synchronized S3Store s3() {
    if (s3 == null) {
      Path dir = dir("s3");
      s3 =
          started(
              S3Store.start(
                  new S3Store.Settings(dir, dir.resolve("s3proxy.log"), 0, "256m", false)));
    }
    return s3;
  }

  /**
   * A loopback port nothing listens on right now: where a test puts a server that is away, or one
   * it starts later on a port known in advance.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points a Spring context at Elasticsearch; the server starts when the context reads it. */
  public static void registerElasticsearch(DynamicPropertyRegistry registry) {
    registry.add("imagesearch.elasticsearch.url", () -> elasticsearch().url());
  }

  public static void registerKafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
  }

  public static void registerS3(DynamicPropertyRegistry registry) {
    registry.add("imagesearch.s3.endpoint", () -> s3().endpoint());
    registry.add("imagesearch.s3.region", () -> S3Store.REGION);
    registry.add("imagesearch.s3.access-key", () -> S3Store.ACCESS_KEY);
    registry.add("imagesearch.s3.secret-key", () -> S3Store.SECRET_KEY);
  }

  /** Points an S3 client builder, sync or async, at the test S3 store with its credentials. */
  public static <B extends S3BaseClientBuilder<B, ?>> B s3Client(B builder) {
    return builder
        .endpointOverride(URI.create(s3().endpoint()))
        .region(Region.of(S3Store.REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3Store.ACCESS_KEY, S3Store.SECRET_KEY)));
  }

  /** Stops every server this JVM started and deletes their files. */
  public static synchronized void stopAll() {
    for (AutoCloseable server : STARTED.reversed()) {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("could not stop " + server + ": " + e);
      }
    }
    STARTED.clear();
    elasticsearch = null;
    kafka = null;
    s3 = null;
    if (root != null) {
      delete(root);
      root = null;
    }
  }

  private static <T extends AutoCloseable> T started(T server) {
    STARTED.add(server);
    return server;
  }

  private static Path dir(String name) {
    try {
      if (root == null) {
        // Readable by all: Elasticsearch runs as nobody when the tests run as root.
        root =
            Files.createTempDirectory(
                "imagesearch-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      }
      return Files.createDirectories(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
