package dev.imagesearch.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A child process with its output in a log file, stopped together with everything it spawned. */
public final class ManagedProcess implements AutoCloseable {
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command}. A detached process gets its own session so that it outlives the command
   * that started it and the terminal it ran in ({@code ./imagesearch up}).
   */
  public static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path workDir,
      Path logFile,
      boolean detached) {
    List<String> full = new ArrayList<>();
    if (detached) {
      full.add("setsid");
    }
    full.addAll(command);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().putAll(env);
      return new ManagedProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new ServerStartException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Polls {@code ready} until it holds, failing fast with the log tail if the process dies. */
  public void awaitReady(Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new ServerStartException(
            name + " exited with code " + process.exitValue() + " while starting. " + logTail());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    close();
    throw new ServerStartException(
        name + " was not ready after " + timeout.toSeconds() + " s. " + logTail());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      int from = Math.max(0, lines.size() - 25);
      return "Last lines of "
          + logFile
          + ":\n  "
          + String.join("\n  ", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "See " + logFile + ".";
    }
  }

  @Override
  public void close() {
    stop(process.toHandle(), STOP_GRACE);
  }

  /**
   * Stops a process and all its descendants: SIGTERM first so servers flush their data, SIGKILL for
   * whatever is still alive after {@code grace}.
   */
  public static void stop(ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.addFirst(root);
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(grace);
    while (tree.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(100));
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    tree.forEach(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted while waiting", e);
    }
  }
}
