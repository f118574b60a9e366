package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, read as compose reads it (anchors and merge keys resolved). */
class ComposeFileTest {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(SECRET|PASSWORD|ACCESS_KEY|API_KEY|SHA256|TOKEN).*");

  private final Map<String, Object> compose = Repo.yaml(Repo.read("docker-compose.yml"));

  @Test
  void everyBuildContextAndDockerfileExists() {
    Map<String, Map<String, Object>> built = new LinkedHashMap<>();
    services()
        .forEach(
            (name, service) -> {
              if (service.get("build") instanceof Map<?, ?> build) {
                built.put(name, map(build));
              }
            });
    assertThat(built.keySet())
        .containsExactlyInAnyOrder("ingest-service", "embed-worker", "search-api");
    built.forEach(
        (name, build) -> {
          String context = (String) build.get("context");
          String dockerfile = (String) build.get("dockerfile");
          assertThat(Repo.path(context)).as("%s: build context", name).isDirectory();
          assertThat(Repo.path(context).resolve(dockerfile))
              .as("%s: Dockerfile", name)
              .isRegularFile();
          assertThat(Repo.path(context).resolve(dockerfile).normalize())
              .as("%s is built from its own module's Dockerfile", name)
              .isEqualTo(Repo.path(name + "/Dockerfile").normalize());
        });
  }

  @Test
  void everyVariableASetServiceSetsBindsToOneOfItsProperties() {
    for (Service service : Service.values()) {
      ServiceJar jar = service.jar();
      Map<String, Object> env = environment(service.module);
      assertThat(env).as("%s sets its environment", service.module).isNotEmpty();
      for (String name : env.keySet()) {
        assertThat(EnvNames.NOT_SPRING.contains(name) || jar.propertyFor(name).isPresent())
            .as(
                "%s: %s binds to no property that %s declares (%s)",
                service.module, name, service.module, jar)
            .isTrue();
      }
    }
  }

  @Test
  void theWorkerAndSearchApiLoadTheSameImageModels() {
    for (String model : List.of("IMAGESEARCH_MODELS_VGG16", "IMAGESEARCH_MODELS_CLIP")) {
      assertThat(environment("embed-worker").get(model))
          .as(model)
          .isNotNull()
          .isEqualTo(environment("search-api").get(model));
    }
  }

  @Test
  void servicesFindEachOtherByComposeServiceName() {
    for (Service service : Service.values()) {
      Map<String, Object> env = environment(service.module);
      assertThat(env).containsEntry("IMAGESEARCH_S3_ENDPOINT", "http://minio:9000");
      assertThat(env).containsEntry("IMAGESEARCH_ELASTICSEARCH_URL", "http://elasticsearch:9200");
    }
    assertThat(environment("ingest-service"))
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
    assertThat(environment("embed-worker"))
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
    assertThat(map(services().get("kafka").get("environment")))
        .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
  }

  @Test
  void portsAndHealthChecksMatchTheServicesPorts() {
    for (Service service : Service.values()) {
      Map<String, Object> definition = services().get(service.module);
      Object configured = service.jar().applicationValue("server.port").orElseThrow();
      assertThat(configured)
          .as("%s: server.port in its application.yml", service.module)
          .isEqualTo(service.port);
      if (service.separateManagementPort()) {
        assertThat(service.jar().applicationValue("management.server.port").orElseThrow())
            .as("%s: management.server.port in its application.yml", service.module)
            .isEqualTo(service.managementPort);
      }

      String test = String.join(" ", strings(map(definition.get("healthcheck")).get("test")));
      assertThat(test)
          .as("%s: health check", service.module)
          .contains("/dev/tcp/127.0.0.1/" + service.managementPort)
          .contains("/actuator/health/readiness");

      List<String> ports = strings(definition.getOrDefault("ports", List.of()));
      if (service == Service.EMBED_WORKER) {
        assertThat(ports).as("workers publish no port, so --scale embed-worker=3 works").isEmpty();
        assertThat(definition).doesNotContainKey("container_name");
      } else {
        assertThat(ports)
            .as("%s publishes its API port, not its management port", service.module)
            .singleElement()
            .satisfies(p -> assertThat(p).endsWith(":" + service.port + ":" + service.port));
      }
    }
  }

  @Test
  void aStoppingWorkerHasTimeToFinishItsBatch() {
    String grace = (String) services().get("embed-worker").get("stop_grace_period");
    WorkerShutdown.check("compose", environment("embed-worker"), WorkerShutdown.parse(grace));
  }

  @Test
  void memoryIsLimitedAndTheHeapFollowsTheLimit() {
    for (Service service : Service.values()) {
      Map<String, Object> definition = services().get(service.module);
      assertThat(definition).as("%s: memory limit", service.module).containsKey("mem_limit");
      assertThat(String.valueOf(environment(service.module).get("JAVA_TOOL_OPTIONS")))
          .as("%s: heap relative to the limit", service.module)
          .contains("-XX:MaxRAMPercentage=");
    }
  }

  @Test
  void dependenciesWaitForHealthAndEveryAwaitedServiceHasACheck() {
    Map<String, Map<String, Object>> services = services();
    services.forEach(
        (name, service) -> {
          if (!(service.get("depends_on") instanceof Map<?, ?> dependsOn)) {
            assertThat(service.get("depends_on"))
                .as("%s: depends_on needs conditions", name)
                .isNull();
            return;
          }
          map(dependsOn)
              .forEach(
                  (dependency, how) -> {
                    String condition = (String) map(how).get("condition");
                    assertThat(services)
                        .as("%s depends on %s", name, dependency)
                        .containsKey(dependency);
                    assertThat(condition)
                        .as("%s -> %s", name, dependency)
                        .isIn("service_healthy", "service_completed_successfully");
                    if (condition.equals("service_healthy")) {
                      assertThat(services.get(dependency))
                          .as("%s has a health check", dependency)
                          .containsKey("healthcheck");
                    }
                  });
        });
    assertThat(map(map(services.get("ingest-service").get("depends_on")).get("minio-setup")))
        .containsEntry("condition", "service_completed_successfully");
  }

  @Test
  void namedVolumesAreDeclared() {
    Set<String> declared = map(compose.get("volumes")).keySet();
    services()
        .forEach(
            (name, service) -> {
              for (String volume : strings(service.getOrDefault("volumes", List.of()))) {
                String source = volume.split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("$")) {
                  assertThat(declared).as("%s mounts %s", name, source).contains(source);
                }
              }
            });
    assertThat(declared).contains("kafka-data", "es-data", "minio-data");
  }

  @Test
  void elasticsearchSecurityIsExplicit() {
    Map<String, Object> env = map(services().get("elasticsearch").get("environment"));
    assertThat(env)
        .containsKeys("xpack.security.enabled", "xpack.security.http.ssl.enabled")
        .containsEntry("discovery.type", "single-node");
    assertThat((String) services().get("elasticsearch").get("image"))
        .startsWith("docker.elastic.co/elasticsearch/elasticsearch:9.5.");
    assertThat(services().get("elasticsearch")).doesNotContainKey("ports");
  }

  @Test
  void noSecretIsWrittenInTheComposeFile() {
    services()
        .forEach(
            (name, service) -> {
              Map<String, Object> env = map(service.getOrDefault("environment", Map.of()));
              env.forEach(
                  (key, value) -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                      assertThat(String.valueOf(value))
                          .as("%s: %s must come from .env, with no default", name, key)
                          .matches("\\$\\{[A-Z0-9_]+(:\\?[^}]*)?}");
                    }
                  });
            });
  }

  @Test
  void envExampleDefinesEveryVariableWithoutRealSecrets() {
    Map<String, String> example = new LinkedHashMap<>();
    for (String line : Repo.read(".env.example").lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] kv = line.split("=", 2);
        example.put(kv[0].strip(), kv[1].strip());
      }
    }
    Set<String> used = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Repo.read("docker-compose.yml"));
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(example.keySet())
        .as(".env.example lists every variable the compose file reads")
        .containsAll(used);
    example.forEach(
        (key, value) -> {
          if (SECRET_NAME.matcher(key).matches()
              || key.contains("PASSWORD")
              || key.endsWith("_USER")) {
            assertThat(value).as(".env.example: %s is a placeholder", key).startsWith("change-me");
          }
        });
  }

  private Map<String, Map<String, Object>> services() {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    map(compose.get("services")).forEach((name, value) -> services.put(name, map(value)));
    return services;
  }

  private Map<String, Object> environment(String service) {
    return map(services().get(service).get("environment"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  static List<String> strings(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }
}
