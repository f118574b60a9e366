package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a model location to a verified local directory: a local path, {@code s3://bucket/prefix}
 * or {@code https://...}. Remote models are downloaded once into {@code cacheDir/name/version/} and
 * every file is checked against the descriptor's sha256.
 */
public final class ModelRepository {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);

  /**
   * Where remote models are cached and how S3 is reached.
   *
   * @param cacheDir local cache for downloaded models
   * @param s3Endpoint S3 endpoint override (MinIO, S3Proxy), or null for AWS
   * @param s3Region S3 region
   */
  public record Settings(Path cacheDir, URI s3Endpoint, String s3Region) {

    /**
     * From system properties {@code imagesearch.models.cache} (default {@code
     * ~/.cache/imagesearch/models}), {@code imagesearch.s3.endpoint}, {@code imagesearch.s3.region}
     * (default us-east-1).
     */
    public static Settings fromSystemProperties() {
      String cache =
          System.getProperty(
              "imagesearch.models.cache",
              Path.of(System.getProperty("user.home"), ".cache", "imagesearch", "models")
                  .toString());
      String endpoint = System.getProperty("imagesearch.s3.endpoint");
      return new Settings(
          Path.of(cache),
          endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
          System.getProperty("imagesearch.s3.region", "us-east-1"));
    }
  }

  private final Settings settings;

  public ModelRepository(Settings settings) {
    this.settings = settings;
  }

  public static ModelRepository fromSystemProperties() {
    return new ModelRepository(Settings.fromSystemProperties());
  }

  /**
   * Resolves and verifies {@code location}: a directory path, s3://, https:// (or plain http://)
   * URL.
   */
  public LocalModel resolve(String location) throws IOException {
    if (location.startsWith("s3://")
        || location.startsWith("https://")
        || location.startsWith("http://")) {
      URI uri = URI.create(location);
      try (RemoteSource source =
          location.startsWith("s3://") ? new S3Source(uri, settings) : new HttpsSource(uri)) {
        return fetch(location, source);
      }
    }
    if (location.startsWith("file:")) {
      return local(Path.of(URI.create(location)));
    }
    return local(Path.of(location));
  }

  /** A local model directory, every listed file verified. */
  public static LocalModel local(Path directory) throws IOException {
    Path descriptorFile = directory.resolve(ModelDescriptor.FILE_NAME);
    if (!Files.isRegularFile(descriptorFile)) {
      throw new IOException("no " + ModelDescriptor.FILE_NAME + " in model directory " + directory);
    }
    ModelDescriptor descriptor = ModelDescriptor.read(descriptorFile);
    verify(directory, descriptor);
    return new LocalModel(directory, descriptor);
  }

  private LocalModel fetch(String location, RemoteSource source) throws IOException {
    byte[] json = source.read(ModelDescriptor.FILE_NAME);
    ModelDescriptor descriptor =
        ModelDescriptor.parse(new StringReader(new String(json, StandardCharsets.UTF_8)));
    Path target =
        settings.cacheDir().resolve(safe(descriptor.name())).resolve(safe(descriptor.version()));
    Path complete = target.resolve(".complete");
    if (Files.exists(complete)) {
      ModelDescriptor cached = ModelDescriptor.read(target.resolve(ModelDescriptor.FILE_NAME));
      if (cached.files().equals(descriptor.files())) {
        verify(target, cached);
        return new LocalModel(target, cached);
      }
    }
    LOG.info("Downloading model {} from {} into {}", descriptor.id(), location, target);
    Files.createDirectories(target);
    Files.deleteIfExists(complete);
    for (Map.Entry<String, String> file : descriptor.files().entrySet()) {
      Path tmp = Files.createTempFile(target, "download", ".tmp");
      try {
        source.download(file.getKey(), tmp);
        String actual = Sha256.of(tmp);
        if (!actual.equalsIgnoreCase(file.getValue())) {
          throw new IOException(
              "sha256 mismatch for " + location + "/" + file.getKey() + ": got " + actual);
        }
        Files.move(
            tmp,
            target.resolve(safe(file.getKey())),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    Files.write(target.resolve(ModelDescriptor.FILE_NAME), json);
    Files.createFile(complete);
    return new LocalModel(target, descriptor);
  }

  private static void verify(Path directory, ModelDescriptor descriptor) throws IOException {
    for (Map.Entry<String, String> file : descriptor.files().entrySet()) {
      Path path = directory.resolve(safe(file.getKey()));
      if (!Files.isRegularFile(path)) {
        throw new IOException("model file missing: " + path);
      }
      String actual = Sha256.of(path);
      if (!actual.equalsIgnoreCase(file.getValue())) {
        throw new IOException(
            "sha256 mismatch for " + path + ": expected " + file.getValue() + ", got " + actual);
      }
    }
  }

  /** File and directory names from a descriptor must not escape the model directory. */
  static String safe(String name) throws IOException {
    if (name.isEmpty()
        || name.contains("/")
        || name.contains("\\")
        || name.equals(".")
        || name.equals("..")) {
      throw new IOException("invalid name in model.json: " + name);
    }
    return name;
  }
}
