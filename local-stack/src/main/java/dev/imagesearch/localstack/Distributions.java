package dev.imagesearch.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build left the server distributions (recorded in imagesearch-servers.properties). */
final class Distributions {
  private static final Properties PATHS = load();

  private Distributions() {}

  static String elasticsearchVersion() {
    return PATHS.getProperty("elasticsearch.version");
  }

  static Path elasticsearchZip() {
    return existing("elasticsearch.zip", "Elasticsearch " + elasticsearchVersion());
  }

  static Path s3proxyJar() {
    return existing("s3proxy.jar", "S3Proxy");
  }

  static String kafkaClasspath() {
    String classpath = PATHS.getProperty("kafka.classpath");
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (!Files.isRegularFile(Path.of(entry))) {
        throw missing("Kafka broker", entry);
      }
    }
    return classpath;
  }

  private static Path existing(String key, String what) {
    Path path = Path.of(PATHS.getProperty(key));
    if (!Files.isRegularFile(path)) {
      throw missing(what, path.toString());
    }
    return path;
  }

  private static ServerStartException missing(String what, String path) {
    return new ServerStartException(
        what
            + " is not downloaded: "
            + path
            + " is missing. Run ./mvnw -B install -DskipTests (it fetches it from Maven Central).");
  }

  private static Properties load() {
    try (InputStream in =
        Distributions.class.getResourceAsStream("/imagesearch-servers.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException | NullPointerException e) {
      throw new ServerStartException(
          "local-stack was built without imagesearch-servers.properties", e);
    }
  }
}
