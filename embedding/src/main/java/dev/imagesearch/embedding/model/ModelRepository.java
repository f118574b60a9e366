package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a model location to a verified local directory: a local path, {@code s3://bucket/prefix}
 * or {@code https://...}. Remote models are downloaded into {@code cacheDir/name/version/}, only
 * the files of the variant the process runs, and every file is checked against the descriptor's
 * sha256.
 */
public final class ModelRepository {
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
   * Resolves and verifies {@code location}: a directory path (every file it lists), s3://, https://
   * (or plain http://) URL, of which only the files that {@code choice} runs are downloaded (see
   * {@link RemoteModel}).
   *
   * @param choice the precision this process runs the model in ({@code TorchScript.choice}): it
   *     picks the variant by {@link ModelDescriptor#variantFor}, as the load does
   */
  public LocalModel resolve(String location, Precision.Choice choice) throws IOException {
    if (location.startsWith("s3://")
        || location.startsWith("https://")
        || location.startsWith("http://")) {
      URI uri = URI.create(location);
      try (RemoteSource source =
          location.startsWith("s3://") ? new S3Source(uri, settings) : new HttpsSource(uri)) {
        return RemoteModel.fetch(location, source, settings.cacheDir(), choice);
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
