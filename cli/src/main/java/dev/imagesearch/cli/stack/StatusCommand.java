package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description =
        "Show each component's process, health and memory, and each service's key figures"
            + " (queries/s, uploads/s, images/s, lag). Exit code 0 when all are healthy.")
public class StatusCommand implements Callable<Integer> {
  private static final String ROW = "%-15s %-8s %-6s %-22s %9s  %s%n";
  private static final Duration INTERVAL = Duration.ofSeconds(2);

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
    printFigures(stack);
    return allUp ? 0 : 3;
  }

  /** Two scrapes of each running service, {@link #INTERVAL} apart; see {@link Figures}. */
  private static void printFigures(Stack stack) {
    Map<Component, Scrape> first = new EnumMap<>(Component.class);
    for (Component service : Component.services()) {
      if (stack.pidFile(service).running().isPresent()) {
        Scrape.of(service.url()).ifPresent(scrape -> first.put(service, scrape));
      }
    }
    if (first.isEmpty()) {
      return;
    }
    try {
      Thread.sleep(INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    System.out.printf("%nSERVICE         FIGURES (over the last %d s)%n", INTERVAL.toSeconds());
    first.forEach(
        (service, earlier) ->
            Scrape.of(service.url())
                .ifPresent(
                    later ->
                        System.out.printf(
                            "%-15s %s%n", service.id(), Figures.of(service, earlier, later))));
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
