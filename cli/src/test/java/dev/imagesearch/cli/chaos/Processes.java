package dev.imagesearch.cli.chaos;

import dev.imagesearch.localstack.ManagedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stack's processes, found by the PID files in {@code var/run} (never by name), with the same
 * start-time check as {@code imagesearch down}: a recycled PID is left alone.
 */
final class Processes {
  static final List<String> COMPONENTS =
      List.of("elasticsearch", "kafka", "s3", "ingest-service", "embed-worker", "search-api");

  private final Path run;

  Processes(Path var) {
    this.run = var.resolve("run");
  }

  Optional<ProcessHandle> find(String component) {
    try {
      String[] pid = Files.readString(run.resolve(component + ".pid")).strip().split(" ");
      Instant started = Instant.parse(pid[1]);
      return ProcessHandle.of(Long.parseLong(pid[0]))
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(started::equals).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The process and its children: Elasticsearch's launcher starts the server as a child. */
  private List<ProcessHandle> tree(String component) {
    List<ProcessHandle> tree = new ArrayList<>();
    find(component)
        .ifPresent(
            root -> {
              tree.add(root);
              tree.addAll(root.descendants().toList());
            });
    return tree;
  }

  /** Resident memory of the process tree in MB, from /proc; 0 when it is not running. */
  long rssMb(String component) {
    long kb = 0;
    for (ProcessHandle p : tree(component)) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", p.pid() + "", "status"))) {
          if (line.startsWith("VmRSS:")) {
            kb += Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException e) {
        // it ended between the listing and the read
      }
    }
    return kb / 1024;
  }

  /** SIGKILL, as the kernel's OOM killer or a node failure would. */
  void kill(String component) {
    ProcessHandle process = find(component).orElseThrow(() -> notRunning(component));
    process.destroyForcibly();
    process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  /** SIGTERM to the tree, SIGKILL after 30 s: the way {@code imagesearch down} stops it. */
  void stop(String component) {
    ManagedProcess.stop(
        find(component).orElseThrow(() -> notRunning(component)), Duration.ofSeconds(30));
  }

  /** SIGSTOP (or SIGCONT) to every process of the tree: a hung VM, a long GC pause. */
  void signal(String component, String signal) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    tree(component).forEach(p -> command.add(String.valueOf(p.pid())));
    if (command.size() == 2) {
      throw notRunning(component);
    }
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static IllegalStateException notRunning(String component) {
    return new IllegalStateException(
        component + " is not running (no live process in its PID file)");
  }
}
