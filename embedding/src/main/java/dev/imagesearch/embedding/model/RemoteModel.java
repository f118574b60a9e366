package dev.imagesearch.embedding.model;

import dev.imagesearch.embedding.model.ModelDescriptor.Variant;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings what one variant of a remote model needs into {@code cacheDir/name/version/}: model.json,
 * the variant's TorchScript file and every file that is no variant. The other variants are never
 * downloaded (full-size VGG16 is ~500 MB a variant); a later start in another precision adds its
 * variant beside them. Each file is checked against model.json's sha256 on every start: a cached
 * file that matches is kept, any other is downloaded into a temp file and moved in only when its
 * sum matches, so the cache never holds a file that failed.
 */
final class RemoteModel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteModel.class);

  private RemoteModel() {}

  static LocalModel fetch(
      String location, RemoteSource source, Path cacheDir, Precision.Choice choice)
      throws IOException {
    byte[] json = source.read(ModelDescriptor.FILE_NAME);
    ModelDescriptor descriptor =
        ModelDescriptor.parse(new StringReader(new String(json, StandardCharsets.UTF_8)));
    Path target =
        cacheDir
            .resolve(ModelRepository.safe(descriptor.name()))
            .resolve(ModelRepository.safe(descriptor.version()));
    Files.createDirectories(target);
    Variant variant = descriptor.variantFor(choice.precision());
    Set<String> needed = descriptor.filesFor(variant);
    List<String> fetched = new ArrayList<>();
    long bytes = 0;
    for (String name : needed) {
      Path file = target.resolve(ModelRepository.safe(name));
      String expected = descriptor.files().get(name);
      if (Files.isRegularFile(file)) {
        if (Sha256.of(file).equalsIgnoreCase(expected)) {
          continue;
        }
        LOG.warn("Cached {} does not match its sha256 in model.json: fetching it again", file);
        Files.delete(file);
      }
      long size = download(location, source, name, expected, file);
      LOG.info("Fetched {} of {} from {}: {} bytes", name, descriptor.id(), location, size);
      fetched.add(name);
      bytes += size;
    }
    replace(target.resolve(ModelDescriptor.FILE_NAME), json);
    LOG.info(
        "Model {} from {} in {}: {} for {} ({}); fetched {} ({} bytes), verified {} cached;"
            + " not needed: {}",
        descriptor.id(),
        location,
        target,
        variant.file(),
        choice.precision().label(),
        choice.reason(),
        fetched,
        bytes,
        needed.size() - fetched.size(),
        descriptor.files().keySet().stream().filter(f -> !needed.contains(f)).toList());
    return new LocalModel(target, descriptor);
  }

  /** Downloads {@code name} into a temp file beside {@code file}, verifies it, moves it in. */
  private static long download(
      String location, RemoteSource source, String name, String expected, Path file)
      throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "download", ".tmp");
    try {
      source.download(name, tmp);
      String actual = Sha256.of(tmp);
      if (!actual.equalsIgnoreCase(expected)) {
        throw new IOException(
            "sha256 mismatch for "
                + location
                + "/"
                + name
                + ": model.json says "
                + expected
                + ", the download is "
                + actual
                + " (not cached; check the upload of "
                + name
                + ")");
      }
      long size = Files.size(tmp);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return size;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes model.json by an atomic move: another process may be reading the cache. */
  private static void replace(Path file, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "model", ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
