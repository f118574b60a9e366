package dev.imagesearch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup failures must name their cause, not time out or leave a process behind. */
class StartupFailureTest {
  @TempDir Path dir;

  @Test
  void aPortInUseIsNamedWithTheServerThatNeedsIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  S3Store.start(
                      new S3Store.Settings(dir, dir.resolve("s3.log"), port, "64m", false)))
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining("port " + port + " is already in use")
          .hasMessageContaining("the S3 store");
    }
  }

  @Test
  void aProcessThatDiesWhileStartingIsReportedWithItsLog() {
    ManagedProcess process =
        ManagedProcess.start(
            "broken server",
            List.of("sh", "-c", "echo 'fatal: cannot bind'; exit 3"),
            Map.of(),
            dir,
            dir.resolve("broken.log"),
            false);

    assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(10), () -> false))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("broken server exited with code 3")
        .hasMessageContaining("fatal: cannot bind");
  }

  @Test
  void aServerThatNeverBecomesReadyIsStoppedAfterTheTimeout() {
    ManagedProcess process =
        ManagedProcess.start(
            "slow server", List.of("sleep", "60"), Map.of(), dir, dir.resolve("slow.log"), false);

    assertThatThrownBy(() -> process.awaitReady(Duration.ofMillis(500), () -> false))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("slow server was not ready after 0 s");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void stoppingKillsTheWholeProcessTree() {
    ManagedProcess parent =
        ManagedProcess.start(
            "parent",
            List.of("sh", "-c", "sleep 60 & sleep 60; wait"),
            Map.of(),
            dir,
            dir.resolve("tree.log"),
            false);
    ManagedProcess.sleep(Duration.ofMillis(300));
    List<ProcessHandle> children = parent.handle().descendants().toList();

    parent.close();

    assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    assertThat(parent.isAlive()).isFalse();
  }

  @Test
  void probesOfServersThatAreNotThereSayDown() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThat(Elasticsearch.probe("http://127.0.0.1:" + closedPort).up()).isFalse();
    assertThat(S3Store.probe("http://127.0.0.1:" + closedPort).up()).isFalse();
    assertThat(Kafka.probe("127.0.0.1:" + closedPort).up()).isFalse();
  }
}
