package dev.imagesearch.embedworker.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class OldModelNamesTest {

  @Test
  void anOldEnvironmentVariableStopsTheStartNamingTheNewOnes() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("IMAGESEARCH_WORKER_MODELS_CLIP", "/models/clip")));
    assertThatThrownBy(() -> OldModelNames.refuse(environment))
        .hasMessageContaining("imagesearch.worker.models.clip")
        .hasMessageContaining("IMAGESEARCH_MODELS_VGG16")
        .hasMessageContaining("imagesearch.models.clip");
  }

  @Test
  void anOldPropertyStopsTheStart() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test", Map.of("imagesearch.worker.models.vgg16", "/models/vgg16")));
    assertThatThrownBy(() -> OldModelNames.refuse(environment))
        .hasMessageContaining("imagesearch.worker.models.vgg16");
  }

  @Test
  void theNewNamesAndOtherWorkerSettingsPass() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test",
                Map.of(
                    "imagesearch.models.vgg16", "/models/vgg16",
                    "imagesearch.worker.batch.max-size", "4")));
    assertThatCode(() -> OldModelNames.refuse(environment)).doesNotThrowAnyException();
  }
}
