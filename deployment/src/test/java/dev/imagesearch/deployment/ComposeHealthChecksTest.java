package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health checks that mean the same under Podman. Its Docker API (what docker-compose talks to)
 * splits a CMD check's arguments at spaces, so {@code ["CMD", "bash", "-c", "exec
 * 3<>/dev/tcp/..."]} runs {@code bash -c exec} and passes before the service even listens (seen in
 * tools/containers/e2e.sh). A CMD-SHELL check keeps its command line whole.
 */
class ComposeHealthChecksTest {

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "tools/containers/compose.override.yml"})
  void everyCheckIsAShellLineOrACommandWithoutSpacesInItsArguments(String file) {
    Map<String, Object> services = ComposeFileTest.map(Repo.yaml(Repo.read(file)).get("services"));
    int checks = 0;
    for (Map.Entry<String, Object> service : services.entrySet()) {
      Object healthcheck = ComposeFileTest.map(service.getValue()).get("healthcheck");
      // An override may change only the timing of the main file's check.
      if (healthcheck == null || !ComposeFileTest.map(healthcheck).containsKey("test")) {
        continue;
      }
      List<String> test = ComposeFileTest.strings(ComposeFileTest.map(healthcheck).get("test"));
      checks++;
      if (!test.getFirst().equals("CMD-SHELL")) {
        assertThat(test.getFirst()).as("%s: %s", file, service.getKey()).isEqualTo("CMD");
        assertThat(test.subList(1, test.size()))
            .as("%s: %s has a CMD check with spaces in an argument", file, service.getKey())
            .noneMatch(argument -> argument.contains(" "));
      }
    }
    assertThat(checks).as("%s has health checks", file).isPositive();
  }
}
