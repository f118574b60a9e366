package dev.imagesearch.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Follow the logs of one component, or of all of them.")
public class LogsCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "COMPONENT",
      description = "elasticsearch, kafka, s3, ingest-service, embed-worker or search-api")
  String component;

  @Option(names = "--no-follow", description = "Print the last lines and exit.")
  boolean noFollow;

  @Option(
      names = {"-n", "--lines"},
      description = "Lines to show first (default ${DEFAULT-VALUE}).")
  int lines = 100;

  @Override
  public Integer call() throws Exception {
    Stack stack = Stack.fromSystemProperties();
    List<Path> files = new ArrayList<>();
    for (Component c : Component.values()) {
      if (component == null || c.id().equals(component)) {
        files.add(stack.log(c));
      }
    }
    if (files.isEmpty()) {
      System.err.println("Unknown component '" + component + "'. Try: " + ids());
      return 2;
    }
    List<Path> existing = files.stream().filter(Files::exists).toList();
    if (existing.isEmpty()) {
      System.err.println(
          "No logs yet in " + stack.var().resolve("log") + ": run ./imagesearch up first.");
      return 1;
    }
    List<String> tail = new ArrayList<>(List.of("tail", "-n", Integer.toString(lines)));
    if (!noFollow) {
      tail.add("-F");
    }
    existing.forEach(f -> tail.add(f.toString()));
    return new ProcessBuilder(tail).inheritIO().start().waitFor();
  }

  private static String ids() {
    return String.join(
        ", ", java.util.Arrays.stream(Component.values()).map(Component::id).toList());
  }
}
