package dev.imagesearch.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service's fat jar (the thing its image runs) declares: the configuration properties of
 * every {@code @ConfigurationProperties} type in it, Spring Boot's own properties from the metadata
 * its Boot jars ship, and its {@code application.yml}.
 *
 * <p>The project's own types are read by reflection as well as from the configuration processor's
 * metadata: only the service modules run the processor, so the properties of the shared modules
 * ({@code imagesearch.s3.*}, {@code imagesearch.elasticsearch.*}) are not in any metadata, and
 * reflection sees exactly the record components Spring binds to.
 */
final class ServiceJar {
  private static final String CONFIGURATION_PROPERTIES =
      "org.springframework.boot.context.properties.ConfigurationProperties";
  private static final Map<Service, ServiceJar> CACHE = new EnumMap<>(Service.class);

  private final Service service;
  private final Set<String> properties;
  private final Map<String, Object> applicationYml;

  private ServiceJar(Service service, Set<String> properties, Map<String, Object> yml) {
    this.service = service;
    this.properties = properties;
    this.applicationYml = yml;
  }

  static synchronized ServiceJar of(Service service) {
    return CACHE.computeIfAbsent(service, ServiceJar::load);
  }

  /**
   * Canonical property names; {@code []} stands for an index, a trailing {@code .*} for map keys.
   */
  Set<String> properties() {
    return Collections.unmodifiableSet(properties);
  }

  /** The property an environment variable binds to, if any (Spring Boot's relaxed binding). */
  Optional<String> propertyFor(String environmentVariable) {
    return properties.stream().filter(p -> EnvNames.matches(p, environmentVariable)).findFirst();
  }

  /** A value of the packaged application.yml, by dotted path ({@code server.port}). */
  Optional<Object> applicationValue(String dottedPath) {
    Object node = applicationYml;
    for (String part : dottedPath.split("\\.")) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return Optional.empty();
      }
      node = map.get(part);
    }
    return Optional.ofNullable(node);
  }

  private static ServiceJar load(Service service) {
    Path jar = Repo.path(service.module + "/target/" + service.module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          service.module
              + " is not built: "
              + jar
              + " is missing. Build it first: ./mvnw -B -pl deployment -am install"
              + " -Dmaven.test.skip=true");
    }
    Path dir = extract(jar, service);
    Set<String> properties = new TreeSet<>(bootMetadata(dir));
    try (URLClassLoader loader = classLoader(dir)) {
      for (String className : configurationPropertiesClasses(dir)) {
        Class<?> type = Class.forName(className, false, loader);
        String prefix = prefixOf(type);
        properties.addAll(PropertyWalker.names(prefix, type));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> yml = readYml(dir.resolve("BOOT-INF/classes/application.yml"));
    return new ServiceJar(service, properties, yml);
  }

  /**
   * Unpacks the jar into target/service-jars/ once per jar version. Native-library jars are left
   * out: they hold no configuration and make up most of the size.
   */
  private static Path extract(Path jar, Service service) {
    try {
      String stamp = Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar);
      Path dir = Repo.path("deployment/target/service-jars/" + service.module + "-" + stamp);
      if (Files.isDirectory(dir.resolve("BOOT-INF"))) {
        return dir;
      }
      deleteOlderCopies(dir.getParent(), service.module + "-");
      Path partial = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".partial"));
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : Collections.list(zip.entries())) {
          String name = entry.getName();
          boolean wanted =
              name.startsWith("BOOT-INF/classes/")
                  || (name.startsWith("BOOT-INF/lib/") && !name.contains("-native-"));
          if (entry.isDirectory() || !wanted) {
            continue;
          }
          Path target = partial.resolve(name);
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Files.move(partial, dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + jar, e);
    }
  }

  /** Copies of earlier builds of the same jar: a few hundred MB each, never read again. */
  private static void deleteOlderCopies(Path parent, String prefix) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (var copies = Files.list(parent)) {
      for (Path copy : copies.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        try (var tree = Files.walk(copy)) {
          for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  private static URLClassLoader classLoader(Path dir) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(toUrl(dir.resolve("BOOT-INF/classes/")));
    try (var libs = Files.list(dir.resolve("BOOT-INF/lib"))) {
      for (Path lib : libs.sorted().toList()) {
        urls.add(toUrl(lib));
      }
    }
    // The platform loader as parent: the service's own Spring and Jackson, never this test's.
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Classes annotated {@code @ConfigurationProperties} in the service's own classes and in the
   * project's modules inside the jar (storage, index, ...): found by the annotation's descriptor in
   * the class file, so nothing is loaded that does not need to be.
   */
  private static List<String> configurationPropertiesClasses(Path dir) throws IOException {
    byte[] marker =
        ("L" + CONFIGURATION_PROPERTIES.replace('.', '/') + ";")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    Path classes = dir.resolve("BOOT-INF/classes");
    try (var files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        if (contains(Files.readAllBytes(file), marker)) {
          found.add(className(classes.relativize(file).toString()));
        }
      }
    }
    try (var libs = Files.list(dir.resolve("BOOT-INF/lib"))) {
      for (Path lib : libs.toList()) {
        try (ZipFile zip = new ZipFile(lib.toFile())) {
          for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (name.startsWith("dev/imagesearch/") && name.endsWith(".class")) {
              try (InputStream in = zip.getInputStream(entry)) {
                if (contains(in.readAllBytes(), marker)) {
                  found.add(className(name));
                }
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length())
        .replace('/', '.')
        .replace('\\', '.');
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String prefixOf(Class<?> type) {
    for (var annotation : type.getAnnotations()) {
      if (annotation.annotationType().getName().equals(CONFIGURATION_PROPERTIES)) {
        try {
          String value = (String) annotation.annotationType().getMethod("value").invoke(annotation);
          String prefix =
              (String) annotation.annotationType().getMethod("prefix").invoke(annotation);
          return value.isEmpty() ? prefix : value;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(
        type + " has the annotation in its class file but not at run time");
  }

  /**
   * Spring Boot's own properties ({@code server.port}, {@code spring.kafka.*}) from the metadata in
   * the Boot jars, plus the service's own metadata should its build produce one.
   */
  private static Set<String> bootMetadata(Path dir) throws UncheckedIOException {
    Set<String> names = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    try {
      Path own = dir.resolve("BOOT-INF/classes/META-INF/spring-configuration-metadata.json");
      if (Files.isRegularFile(own)) {
        names.addAll(metadataNames(json.readTree(own.toFile())));
      }
      try (var libs = Files.list(dir.resolve("BOOT-INF/lib"))) {
        for (Path lib : libs.toList()) {
          try (ZipFile zip = new ZipFile(lib.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/spring-configuration-metadata.json");
            if (entry != null) {
              try (InputStream in = zip.getInputStream(entry)) {
                names.addAll(metadataNames(json.readTree(in)));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static List<String> metadataNames(JsonNode metadata) {
    List<String> names = new ArrayList<>();
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asText();
      String type = property.path("type").asText("");
      if (type.startsWith("java.util.Map<")) {
        names.add(name + ".*");
      } else if (type.startsWith("java.util.List<")
          || type.startsWith("java.util.Set<")
          || type.startsWith("java.util.Collection<")
          || type.endsWith("[]")) {
        // Metadata does not say whether elements are objects; accept an index and anything after.
        names.add(name);
        names.add(name + "[].*");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static Map<String, Object> readYml(Path file) {
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> yml = new Yaml(new LoaderOptions()).load(Files.readString(file));
      return yml == null ? new LinkedHashMap<>() : yml;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return service.module + " (" + properties.size() + " properties)";
  }
}
