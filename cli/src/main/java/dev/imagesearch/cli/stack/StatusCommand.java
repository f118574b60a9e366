package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description =
        "Show each component's process, health and memory. Exit code 0 when all are healthy.")
public class StatusCommand implements Callable<Integer> {
  private static final String ROW = "%-15s %-8s %-6s %-22s %9s  %s%n";

  @Override
  public Integer call() {
    Stack stack = Stack.fromSystemProperties();
    System.out.printf(ROW, "COMPONENT", "PID", "HEALTH", "DETAIL", "MEMORY", "URL");
    boolean allUp = true;
    for (Component component : Component.values()) {
      Optional<ProcessHandle> process = stack.pidFile(component).running();
      Health health = process.isPresent() ? component.probe() : Health.down("not running");
      allUp &= health.up();
      System.out.printf(
          ROW,
          component.id(),
          process.map(p -> Long.toString(p.pid())).orElse("-"),
          health.up() ? "UP" : "DOWN",
          health.detail(),
          process.map(p -> residentMegabytes(p) + " MB").orElse("-"),
          component.url());
    }
    return allUp ? 0 : 3;
  }

  /** Resident memory of the process and its children (Elasticsearch runs its server as a child). */
  static long residentMegabytes(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants())
            .mapToLong(StatusCommand::rssKb)
            .sum()
        / 1024;
  }

  private static long rssKb(ProcessHandle process) {
    try (Stream<String> lines =
        Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      return lines
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .findFirst()
          .orElse(0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
