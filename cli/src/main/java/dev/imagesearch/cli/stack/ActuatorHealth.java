package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Spring Boot {@code /actuator/health} answer: UP, or DOWN with what is down and why (a
 * component's {@code reason} or {@code error} detail), so {@code status} says more than "503".
 */
final class ActuatorHealth {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ActuatorHealth() {}

  static Health of(int statusCode, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return Health.down("actuator HTTP " + statusCode);
    }
    if (statusCode == 200 && "UP".equals(root.path("status").asString(""))) {
      return Health.up("actuator UP");
    }
    List<String> down = new ArrayList<>();
    for (Map.Entry<String, JsonNode> component : root.path("components").properties()) {
      JsonNode value = component.getValue();
      if (!"UP".equals(value.path("status").asString("UP"))) {
        JsonNode details = value.path("details");
        String why = details.path("reason").asString(details.path("error").asString(""));
        down.add(component.getKey() + (why.isEmpty() ? "" : ": " + why));
      }
    }
    return Health.down(
        down.isEmpty() ? "actuator HTTP " + statusCode : "DOWN " + String.join("; ", down));
  }
}
