package dev.imagesearch.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node Kafka broker in KRaft mode (broker and controller in one process). */
public final class Kafka implements AutoCloseable {
  /**
   * @param workDir holds config and the log directory; kept between runs
   * @param brokerPort 0 for any free port (likewise {@code controllerPort})
   */
  public record Settings(
      Path workDir,
      Path logFile,
      int brokerPort,
      int controllerPort,
      String heap,
      boolean detached) {}

  private final ManagedProcess process;
  private final String bootstrapServers;

  private Kafka(ManagedProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  public static Kafka start(Settings settings) {
    int brokerPort = Ports.resolve(settings.brokerPort(), "the Kafka broker");
    int controllerPort = Ports.resolve(settings.controllerPort(), "the Kafka controller");
    Path work = settings.workDir().toAbsolutePath();
    Path config = work.resolve("server.properties");
    Path log4j = work.resolve("log4j2.properties");
    String classpath = Distributions.kafkaClasspath();
    try {
      Files.createDirectories(work.resolve("data"));
      Files.writeString(config, serverProperties(work, brokerPort, controllerPort));
      Files.writeString(log4j, LOG4J);
    } catch (IOException e) {
      throw new ServerStartException("could not prepare Kafka in " + work, e);
    }
    List<String> java =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + settings.heap(),
            "-Dlog4j2.configurationFile=" + log4j,
            "-cp",
            classpath);
    if (!Files.exists(work.resolve("data/meta.properties"))) {
      format(java, config, work, settings.logFile());
    }
    ManagedProcess process =
        ManagedProcess.start(
            "Kafka",
            concat(java, "kafka.Kafka", config.toString()),
            Map.of(),
            work,
            settings.logFile(),
            settings.detached());
    String bootstrap = "127.0.0.1:" + brokerPort;
    process.awaitReady(Duration.ofSeconds(90), () -> probe(bootstrap).up());
    return new Kafka(process, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public ManagedProcess process() {
    return process;
  }

  /**
   * Up when the broker answers a cluster description with at least one node. The limit is 6 s: a
   * healthy broker on a loaded 2-core machine took over 3 s (`imagesearch status` said DOWN); a
   * broker that is down costs `status` those 6 s.
   */
  public static Health probe(String bootstrapServers) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(config)) {
      int nodes = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS).size();
      return nodes > 0 ? Health.up(nodes + " broker(s)") : Health.down("no brokers");
    } catch (ExecutionException | TimeoutException e) {
      return Health.down("not reachable at " + bootstrapServers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted");
    }
  }

  @Override
  public void close() {
    process.close();
  }

  private static void format(List<String> java, Path config, Path work, Path logFile) {
    List<String> command =
        concat(
            java,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString());
    try (ManagedProcess formatter =
        ManagedProcess.start("kafka-storage format", command, Map.of(), work, logFile, false)) {
      if (!formatter.handle().onExit().get(60, TimeUnit.SECONDS).isAlive()
          && !Files.exists(work.resolve("data/meta.properties"))) {
        throw new ServerStartException("formatting Kafka storage failed. " + formatter.logTail());
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new ServerStartException("formatting Kafka storage did not finish", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted", e);
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
  }

  private static String serverProperties(Path work, int brokerPort, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + work.resolve("data"),
        // Services create their topics with the partitions they need; a typo must not create one.
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  private static final String LOG4J =
      """
      rootLogger.level = INFO
      rootLogger.appenderRef.console.ref = console
      appender.console.type = Console
      appender.console.name = console
      appender.console.layout.type = PatternLayout
      appender.console.layout.pattern = [%d] %p %m (%c)%n
      logger.state.name = state.change.logger
      logger.state.level = WARN
      """;
}
