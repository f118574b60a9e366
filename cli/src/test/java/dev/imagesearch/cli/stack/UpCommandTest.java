package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.ImagesearchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The services listen where {@code --bind} says; SearchPageE2ETest checks the real sockets. */
class UpCommandTest {
  @TempDir Path home;
  private final LocalWriteKey key = new LocalWriteKey("write-key", false);
  private final StringWriter err = new StringWriter();

  @Test
  void theServicesListenOnLoopbackUnlessToldOtherwise() {
    Stack stack = new Stack(home, home.resolve("var"));
    UpCommand up = parse();

    for (Component service : Component.services()) {
      assertThat(service.serviceCommand(stack, up.bind, key))
          .contains("--server.address=127.0.0.1")
          .noneMatch(argument -> argument.startsWith("--server.address=0"));
    }
  }

  @Test
  void bindAllExposesThemOnEveryInterfaceButNotTheirHealthAndMetrics() {
    Stack stack = new Stack(home, home.resolve("var"));
    UpCommand up = parse("--bind", "0.0.0.0");

    for (Component service : Component.services()) {
      assertThat(service.serviceCommand(stack, up.bind, key)).contains("--server.address=0.0.0.0");
    }
    for (Component service : List.of(Component.SEARCH_API, Component.INGEST_SERVICE)) {
      assertThat(service.serviceCommand(stack, up.bind, key))
          .contains("--management.server.address=127.0.0.1");
    }
    assertThat(Component.EMBED_WORKER.serviceCommand(stack, up.bind, key))
        .as("the worker's actuator is its only port: Spring refuses a management address there")
        .noneMatch(argument -> argument.startsWith("--management.server.address"));
  }

  @Test
  void anyOtherAddressIsAUsageErrorThatNamesTheChoices() {
    int exit =
        new CommandLine(new ImagesearchCommand())
            .setErr(new PrintWriter(err))
            .execute("up", "--bind", "192.168.1.7");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("127.0.0.1").contains("0.0.0.0").contains("192.168.1.7");
  }

  @Test
  void onlyTheIngestServiceGetsTheKeyHash() {
    Stack stack = new Stack(home, home.resolve("var"));

    assertThat(Component.INGEST_SERVICE.serviceCommand(stack, Bind.LOOPBACK, key))
        .contains(key.ingestArguments());
    assertThat(Component.SEARCH_API.serviceCommand(stack, Bind.LOOPBACK, key))
        .noneMatch(argument -> argument.contains("api-keys"));
  }

  private static UpCommand parse(String... args) {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs(args);
    return up;
  }
}
