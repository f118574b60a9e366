package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The images: layered Boot jar, non-root, JRE 25, actuator health check, no models inside. */
class DockerfilesTest {

  static Stream<Arguments> dockerfiles() {
    return Stream.of(
        Arguments.of("ingest-service/Dockerfile", Service.INGEST_SERVICE),
        Arguments.of("search-api/Dockerfile", Service.SEARCH_API),
        Arguments.of("embed-worker/Dockerfile", Service.EMBED_WORKER),
        Arguments.of("embed-worker/Dockerfile.gpu", Service.EMBED_WORKER));
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void runsTheLayeredJarAsANonRootUser(String path, Service service) {
    Dockerfile file = Dockerfile.read(path);
    Dockerfile image = file.finalStage();

    assertThat(file.all("RUN"))
        .as("%s extracts the Boot jar's layers", path)
        .anyMatch(
            run -> run.contains("-Djarmode=tools") && run.contains("extract --layers --launcher"));
    assertThat(image.all("COPY"))
        .as("%s copies the four layers, dependencies first", path)
        .filteredOn(copy -> copy.startsWith("--from=layers"))
        .extracting(copy -> copy.split("\\s+")[1])
        .containsExactly(
            "/build/extracted/dependencies/",
            "/build/extracted/spring-boot-loader/",
            "/build/extracted/snapshot-dependencies/",
            "/build/extracted/application/");
    assertThat(image.all("ENTRYPOINT").getLast())
        .contains("org.springframework.boot.loader.launch.JarLauncher");
    assertThat(image.all("USER"))
        .as("%s runs as a numeric non-root user (runAsNonRoot can check it)", path)
        .singleElement()
        .satisfies(user -> assertThat(user).matches("[1-9][0-9]*(:[0-9]+)?"));
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void runsOnJre25WithMemoryRelativeToTheContainer(String path, Service service) {
    Dockerfile file = Dockerfile.read(path);
    List<String> froms = file.froms();
    if (path.endsWith(".gpu")) {
      assertThat(froms.getLast()).startsWith("nvidia/cuda:").contains("runtime");
      assertThat(file.all("COPY"))
          .as("the GPU image takes its JRE from the Temurin image")
          .anyMatch(copy -> copy.matches("--from=\\S+ /opt/java/openjdk /opt/java/openjdk"));
      assertThat(froms).anyMatch(from -> from.startsWith("eclipse-temurin:25-jre"));
    } else {
      assertThat(froms).allMatch(from -> from.startsWith("eclipse-temurin:25-jre"));
      assertThat(file.all("FROM"))
          .as("%s takes its JRE image as a build argument (no registry: base-image.sh)", path)
          .allMatch(from -> from.startsWith("${JRE_IMAGE}"));
    }
    assertThat(file.finalStage().env().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void healthCheckAsksReadinessOnTheManagementPortWithoutCurl(String path, Service service) {
    Dockerfile image = Dockerfile.read(path).finalStage();
    Map<String, String> env = image.env();

    assertThat(env)
        .containsEntry("SERVER_PORT", String.valueOf(service.port))
        .containsEntry(service.managementPortVariable(), String.valueOf(service.managementPort));
    assertThat(image.all("EXPOSE"))
        .containsExactly(
            service.separateManagementPort()
                ? service.port + " " + service.managementPort
                : String.valueOf(service.port));
    assertThat(image.all("HEALTHCHECK"))
        .singleElement()
        .satisfies(
            check ->
                assertThat(check)
                    .contains("/dev/tcp/127.0.0.1/${" + service.managementPortVariable() + "}")
                    .contains("GET /actuator/health/readiness")
                    .doesNotContain("curl")
                    .doesNotContain("wget"));
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void everyVariableBindsAndNoModelIsCopied(String path, Service service) {
    Dockerfile image = Dockerfile.read(path).finalStage();
    ServiceJar jar = service.jar();
    for (String name : image.env().keySet()) {
      if (name.equals("JAVA_HOME") || name.equals("PATH") || name.startsWith("NVIDIA_")) {
        continue; // read by the shell and the NVIDIA container runtime, not by the service
      }
      assertThat(EnvNames.NOT_SPRING.contains(name) || jar.propertyFor(name).isPresent())
          .as("%s: ENV %s binds to no property of %s", path, name, service.module)
          .isTrue();
    }
    assertThat(Dockerfile.read(path).all("COPY")).noneMatch(copy -> copy.contains("models"));
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void dockerignoreSendsWhatTheBuildCopies(String path, Service service) {
    List<String> ignore = Repo.read(".dockerignore").lines().map(String::strip).toList();
    assertThat(ignore).as(".dockerignore starts by excluding everything").contains("*");
    for (String copy : Dockerfile.read(path).all("COPY")) {
      if (!copy.startsWith("--from=")) {
        String source = copy.split("\\s+")[0];
        assertThat(ignore).as("%s copies %s", path, source).contains("!" + source);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theGpuImageRunsTheModelsOnTheGpu(String path, Service service) {
    Dockerfile image = Dockerfile.read(path).finalStage();
    Map<String, String> env = image.env();
    if (!path.endsWith(".gpu")) {
      assertThat(env).doesNotContainKeys("IMAGESEARCH_WORKER_DEVICE", "PYTORCH_LIBRARY_PATH");
      return;
    }
    // Maven Central has no CUDA libtorch for our version: the image brings it (decision 0002).
    String pytorch =
        Repo.read("pom.xml").replaceAll("(?s).*<pytorch.version>([^<]+)</pytorch.version>.*", "$1");
    assertThat(env)
        .containsEntry("IMAGESEARCH_WORKER_DEVICE", "gpu")
        .containsEntry("PYTORCH_VERSION", pytorch)
        .containsEntry("PYTORCH_FLAVOR", "cu128");
    assertThat(image.all("COPY"))
        .contains("--from=libtorch /opt/libtorch/lib " + env.get("PYTORCH_LIBRARY_PATH"));
    assertThat(Dockerfile.read(path).all("ARG"))
        .anyMatch(
            arg -> arg.contains("libtorch") && arg.contains(pytorch) && arg.contains("cu128"));
  }
}
