package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against the Compose Specification's JSON schema (vendored, see
 * src/test/resources/compose-spec/README.md): unknown keys and wrong types fail here, since no
 * Docker Compose runs on the build machines.
 */
class ComposeSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theComposeFileFollowsTheComposeSpecification() throws IOException {
    JsonNode compose = JSON.valueToTree(Repo.yaml(Repo.read("docker-compose.yml")));
    // The vendored schema predates the top-level project name; it is checked here instead.
    assertThat(compose.path("name").asText()).isEqualTo("imagesearch");
    ((ObjectNode) compose).remove("name");

    assertThat(schema().validate(compose)).isEmpty();
  }

  @Test
  void theSchemaRefusesAMisspeltKey() throws IOException {
    JsonNode compose =
        JSON.valueToTree(
            Map.of("services", Map.of("a", Map.of("image", "x", "healtcheck", Map.of()))));
    Set<ValidationMessage> errors = schema().validate(compose);
    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("healtcheck"));
  }

  private static JsonSchema schema() throws IOException {
    try (InputStream in =
        ComposeSchemaTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
      JsonNode schema = JSON.readTree(in);
      dropDraft4Ids(schema);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema);
    }
  }

  /**
   * The schema still names its parts with draft-04's {@code "id": "#/..."}, which 2019-09 (its
   * declared draft) does not know; they are labels only, nothing refers to them.
   */
  private static void dropDraft4Ids(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.path("id").isTextual()) {
        object.remove("id");
      }
      object.forEach(ComposeSchemaTest::dropDraft4Ids);
    } else if (node.isArray()) {
      node.forEach(ComposeSchemaTest::dropDraft4Ids);
    }
  }
}
