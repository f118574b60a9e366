package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.Elasticsearch;
import dev.imagesearch.localstack.Health;
import dev.imagesearch.localstack.HttpProbe;
import dev.imagesearch.localstack.Kafka;
import dev.imagesearch.localstack.ManagedProcess;
import dev.imagesearch.localstack.S3Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of the local stack, in start order, with fixed ports so URLs stay the same. */
enum Component {
  ELASTICSEARCH("elasticsearch", "http://127.0.0.1:9200", null, true),
  KAFKA("kafka", "127.0.0.1:9092", null, true),
  S3("s3", "http://127.0.0.1:9000", null, true),
  INGEST_SERVICE("ingest-service", "http://127.0.0.1:8081", "http://127.0.0.1:8091", false),
  EMBED_WORKER("embed-worker", "http://127.0.0.1:8082", "http://127.0.0.1:8082", false),
  SEARCH_API("search-api", "http://127.0.0.1:8080", "http://127.0.0.1:8090", false);

  private final String id;
  private final String url;
  private final String managementUrl;
  private final boolean infrastructure;

  Component(String id, String url, String managementUrl, boolean infrastructure) {
    this.id = id;
    this.url = url;
    this.managementUrl = managementUrl;
    this.infrastructure = infrastructure;
  }

  String id() {
    return id;
  }

  String url() {
    return url;
  }

  /**
   * Where a service's actuator (health, metrics) listens. search-api and ingest-service keep it on
   * a loopback port apart from their API (docs/decisions/0026-management-port.md); the worker has
   * no API, only this.
   */
  String managementUrl() {
    return managementUrl;
  }

  boolean infrastructure() {
    return infrastructure;
  }

  static List<Component> services() {
    return List.of(INGEST_SERVICE, EMBED_WORKER, SEARCH_API);
  }

  Health probe() {
    return switch (this) {
      case ELASTICSEARCH -> Elasticsearch.probe(url);
      case KAFKA -> Kafka.probe(url);
      case S3 -> S3Store.probe(url);
      default -> actuatorHealth(managementUrl);
    };
  }

  /**
   * Starts this component detached from the CLI and returns once it is healthy. The services listen
   * on {@code bind}; Elasticsearch, Kafka and the S3 store always on 127.0.0.1 only.
   */
  ManagedProcess start(Stack stack, LocalWriteKey apiKey, Bind bind) {
    Path data = stack.data(this);
    Path log = stack.log(this);
    return switch (this) {
      case ELASTICSEARCH ->
          Elasticsearch.start(new Elasticsearch.Settings(data, log, 9200, "512m", true)).process();
      case KAFKA -> Kafka.start(new Kafka.Settings(data, log, 9092, 9093, "512m", true)).process();
      case S3 -> S3Store.start(new S3Store.Settings(data, log, 9000, "256m", true)).process();
      default -> {
        List<String> command = serviceCommand(stack, bind, apiKey);
        ManagedProcess process =
            ManagedProcess.start(id, command, Map.of(), stack.home(), log, true);
        process.awaitReady(Duration.ofSeconds(90), () -> probe().up());
        yield process;
      }
    };
  }

  /** The command line of a service (not of Elasticsearch, Kafka or S3). */
  List<String> serviceCommand(Stack stack, Bind bind, LocalWriteKey apiKey) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dimagesearch.component=" + id,
            // The worker decodes full-size photos: its decode budget (0.6 of the heap) must hold
            // the costliest image ingest accepts, 512 MiB
            // (docs/decisions/0006-bounded-decoding.md).
            this == EMBED_WORKER ? "-Xmx1g" : "-Xmx512m",
            "-XX:+UseSerialGC",
            "-jar",
            stack.serviceJar(this).toString(),
            "--server.address=" + bind.address()));
    if (!managementUrl.equals(url)) {
      // --bind opens the API to other machines, never the health and metrics. (Spring refuses the
      // setting where the actuator shares the one port, as in the worker.)
      command.add("--management.server.address=127.0.0.1");
    }
    if (this == INGEST_SERVICE) {
      command.addAll(List.of(apiKey.ingestArguments()));
    }
    command.addAll(StackModels.read(stack).arguments(this));
    return command;
  }

  private static Health actuatorHealth(String url) {
    return HttpProbe.get(url + "/actuator/health")
        .map(response -> ActuatorHealth.of(response.statusCode(), response.body()))
        .orElse(Health.down("not reachable at " + url));
  }
}
