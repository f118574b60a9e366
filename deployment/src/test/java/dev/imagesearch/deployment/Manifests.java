package dev.imagesearch.deployment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes documents: the base's files as written, and each overlay as kustomize renders it.
 */
final class Manifests {
  static final List<String> OVERLAYS = List.of("cpu", "gpu");

  private Manifests() {}

  /** Every document of every file in k8s/base, except the kustomization itself. */
  static List<Map<String, Object>> base() {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (var files = Files.list(Repo.path("k8s/base"))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") && !name.equals("kustomization.yaml")) {
          documents.addAll(parse(Files.readString(file)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** kubectl on the PATH (or /usr/bin), if there is one. */
  static Optional<Path> kubectl() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code kubectl kustomize k8s/overlays/<overlay>}: the documents the cluster would receive. */
  static List<Map<String, Object>> render(Path kubectl, String overlay) {
    try {
      Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
      Path err = Files.createTempFile("kustomize-" + overlay, ".err");
      try {
        Process process =
            new ProcessBuilder(kubectl.toString(), "kustomize", "k8s/overlays/" + overlay)
                .directory(Repo.root().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              "kubectl kustomize k8s/overlays/" + overlay + " failed: " + Files.readString(err));
        }
        return parse(Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }
}
