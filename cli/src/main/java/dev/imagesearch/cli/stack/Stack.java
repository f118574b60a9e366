package dev.imagesearch.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack lives: the checkout ({@code -Dimagesearch.home}, set by ./imagesearch) and
 * its {@code var/} folder with data, logs and PID files that survive restarts.
 */
record Stack(Path home, Path var) {
  static Stack fromSystemProperties() {
    Path home = Path.of(System.getProperty("imagesearch.home", ".")).toAbsolutePath().normalize();
    String var = System.getenv("IMAGESEARCH_VAR");
    return new Stack(home, var == null ? home.resolve("var") : Path.of(var).toAbsolutePath());
  }

  Path data(Component component) {
    return var.resolve(component.id());
  }

  Path log(Component component) {
    return var.resolve("log").resolve(component.id() + ".log");
  }

  PidFile pidFile(Component component) {
    return new PidFile(var.resolve("run").resolve(component.id() + ".pid"));
  }

  Path serviceJar(Component component) {
    return home.resolve(component.id()).resolve("target").resolve(component.id() + ".jar");
  }

  boolean built(Component component) {
    return Files.isRegularFile(serviceJar(component));
  }
}
