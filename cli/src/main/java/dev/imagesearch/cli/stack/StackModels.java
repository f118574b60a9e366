package dev.imagesearch.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The model folders of the local stack, kept in {@code var/models.properties} so that every {@code
 * up} starts the worker and search-api on the same models: the configured ones, and the previous
 * ones that search-api keeps loaded to answer from the older index version while a migration runs
 * or after a rollback (docs/decisions/0027-model-migration.md). Without the file: the committed
 * stand-ins.
 *
 * @param previous null when the stack never changed models
 */
record StackModels(Path configured, Path previous) {
  private static final String FILE = "models.properties";

  static StackModels read(Stack stack) {
    Path file = stack.var().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new StackModels(stack.home().resolve("models/standin"), null);
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String previous = properties.getProperty("previous");
    return new StackModels(
        Path.of(properties.getProperty("configured")), previous == null ? null : Path.of(previous));
  }

  /** The stack moved to {@code next}: what it ran until now becomes the previous models. */
  StackModels moveTo(Path next) {
    Path root = next.toAbsolutePath().normalize();
    return root.equals(configured) ? this : new StackModels(root, configured);
  }

  /** Back to the previous models; the ones left become the previous in turn. */
  StackModels swapped() {
    return new StackModels(previous, configured);
  }

  void write(Stack stack) {
    Properties properties = new Properties();
    properties.setProperty("configured", configured.toString());
    if (previous != null) {
      properties.setProperty("previous", previous.toString());
    }
    Path file = stack.var().resolve(FILE);
    try {
      Files.createDirectories(stack.var());
      Path partial = file.resolveSibling(FILE + ".partial");
      try (Writer out = Files.newBufferedWriter(partial)) {
        properties.store(out, "imagesearch models (./imagesearch models use|rollback)");
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The model settings of a service's command line; none for the ingest-service. */
  List<String> arguments(Component service) {
    List<String> arguments = new ArrayList<>();
    if (service != Component.EMBED_WORKER && service != Component.SEARCH_API) {
      return arguments;
    }
    arguments.add("--imagesearch.models.vgg16=" + configured.resolve("vgg16"));
    arguments.add("--imagesearch.models.clip=" + configured.resolve("clip"));
    if (service == Component.SEARCH_API) {
      if (Files.isDirectory(configured.resolve("multilingual"))) {
        arguments.add("--imagesearch.models.multilingual=" + configured.resolve("multilingual"));
      }
      if (previous != null) {
        arguments.add("--imagesearch.models.previous.vgg16=" + previous.resolve("vgg16"));
        arguments.add("--imagesearch.models.previous.clip=" + previous.resolve("clip"));
      }
    }
    return arguments;
  }
}
