package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(
    name = "status",
    description =
        "Show each component's process, health and memory, and each service's key figures"
            + " (queries/s, uploads/s, images/s, lag). Exit code 0 when all are healthy.")
public class StatusCommand implements Callable<Integer> {
  private static final String ROW = "%-15s %-8s %-6s %-22s %9s  %s%n";
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  @Option(names = "--json", description = "the same as JSON, for scripts and monitoring")
  boolean json;

  /** One component's row; pid and memory are null when it is not running. */
  record Row(String component, Long pid, boolean up, String detail, Long memoryMb, String url) {}

  @Override
  public Integer call() {
    Stack stack = Stack.fromSystemProperties();
    List<Row> rows = new ArrayList<>();
    for (Component component : Component.values()) {
      Optional<ProcessHandle> process = stack.pidFile(component).running();
      Health health = process.isPresent() ? component.probe() : Health.down("not running");
      rows.add(
          new Row(
              component.id(),
              process.map(ProcessHandle::pid).orElse(null),
              health.up(),
              health.detail(),
              process.map(StatusCommand::residentMegabytes).orElse(null),
              component.url()));
    }
    boolean allUp = rows.stream().allMatch(Row::up);
    if (json) {
      System.out.println(
          JsonMapper.builder().build().writeValueAsString(Map.of("up", allUp, "components", rows)));
    } else {
      System.out.printf(ROW, "COMPONENT", "PID", "HEALTH", "DETAIL", "MEMORY", "URL");
      for (Row row : rows) {
        System.out.printf(
            ROW,
            row.component(),
            row.pid() == null ? "-" : row.pid(),
            row.up() ? "UP" : "DOWN",
            row.detail(),
            row.memoryMb() == null ? "-" : row.memoryMb() + " MB",
            row.url());
      }
      printFigures(stack); // JSON stays one document: figures are for people reading the table
    }
    return allUp ? 0 : 3;
  }

  /** Two scrapes of each running service, {@link #INTERVAL} apart; see {@link Figures}. */
  private static void printFigures(Stack stack) {
    Map<Component, Scrape> first = new EnumMap<>(Component.class);
    for (Component service : Component.services()) {
      if (stack.pidFile(service).running().isPresent()) {
        Scrape.of(service.managementUrl()).ifPresent(scrape -> first.put(service, scrape));
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
            Scrape.of(service.managementUrl())
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
