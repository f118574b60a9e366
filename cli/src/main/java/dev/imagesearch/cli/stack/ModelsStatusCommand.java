package dev.imagesearch.cli.stack;

import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.Migration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(
    name = "status",
    description =
        "Show the models the stack is configured with, the index version that serves "
            + "queries and the models it was made with, and the migration to other models if "
            + "one runs: images done of total, rate and time left. Exit code 1 when "
            + "Elasticsearch cannot be reached.")
public class ModelsStatusCommand implements Callable<Integer> {
  @Option(names = "--json", description = "the same as JSON, for scripts")
  boolean json;

  /**
   * A folder of models and the versions in it; versions null where its model.json is unreadable.
   */
  record Folder(Path dir, ModelVersions versions) {}

  /** What serves queries: null index before anything was indexed. */
  record Serving(String index, ModelVersions models) {}

  /** The migration as people read it: done of total, rate and time left; null when none. */
  record Progress(
      String from,
      String to,
      Migration.State state,
      long done,
      long total,
      double ratePerSecond,
      Long etaSeconds) {
    static Progress of(Migration m) {
      return m == null
          ? null
          : new Progress(
              m.from(), m.to(), m.state(), m.done(), m.total(), m.ratePerSecond(), m.etaSeconds());
    }
  }

  record Status(Folder configured, Folder previous, Serving serving, Progress migration) {}

  @Override
  public Integer call() throws IOException {
    Stack stack = Stack.fromSystemProperties();
    StackModels models = StackModels.read(stack);
    Folder configured = folder(models.configured());
    Folder previous = models.previous() == null ? null : folder(models.previous());
    Serving serving;
    Migration migration;
    try (SearchIndex index = StackIndex.connect()) {
      IndexVersion version = index.versions().serving().orElse(null);
      serving =
          version == null ? new Serving(null, null) : new Serving(version.name(), version.models());
      migration = index.migrations().latest().orElse(null);
    } catch (RuntimeException e) {
      System.err.println(
          "Elasticsearch is not reachable at "
              + StackIndex.URL
              + " ("
              + e.getMessage()
              + "): is the stack up (./imagesearch up)?");
      return 1;
    }
    Status status = new Status(configured, previous, serving, Progress.of(migration));
    if (json) {
      System.out.println(JsonMapper.builder().build().writeValueAsString(status));
    } else {
      print(status);
    }
    return 0;
  }

  private static Folder folder(Path dir) {
    try {
      return new Folder(
          dir,
          new ModelVersions(
              ModelDescriptor.read(dir.resolve("vgg16").resolve(ModelDescriptor.FILE_NAME)).id(),
              ModelDescriptor.read(dir.resolve("clip").resolve(ModelDescriptor.FILE_NAME)).id()));
    } catch (IOException | RuntimeException e) {
      return new Folder(dir, null);
    }
  }

  private static void print(Status status) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("configured", describe(status.configured()));
    if (status.previous() != null) {
      rows.put("previous", describe(status.previous()));
    }
    rows.put(
        "serving",
        status.serving().index() == null
            ? "no index yet (the first upload makes it)"
            : status.serving().index() + "  " + describe(status.serving().models()));
    rows.put("migration", describe(status.migration()));
    rows.forEach((name, value) -> System.out.printf("%-11s %s%n", name, value));
  }

  private static String describe(Folder folder) {
    return folder.dir()
        + "  "
        + (folder.versions() == null ? "(no readable model.json)" : describe(folder.versions()));
  }

  private static String describe(ModelVersions models) {
    return models.vgg16() + ", " + models.clip();
  }

  private static String describe(Progress m) {
    if (m == null) {
      return "none";
    }
    String line = m.from() + " -> " + m.to() + "  " + m.state();
    if (m.state() == Migration.State.SWITCHED || m.state() == Migration.State.ROLLED_BACK) {
      return line;
    }
    Long eta = m.etaSeconds();
    return line
        + String.format(
            "  %d/%d images  %.1f images/s  ETA %s",
            m.done(), m.total(), m.ratePerSecond(), eta == null ? "unknown" : eta + " s");
  }
}
