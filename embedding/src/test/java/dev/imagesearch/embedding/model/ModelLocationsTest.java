package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ModelLocationsTest {

  private static ModelLocations bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("imagesearch.models", ModelLocations.class);
  }

  @Test
  void defaultsAreTheCommittedStandIns() {
    assertThat(bind(Map.of()))
        .isEqualTo(new ModelLocations("models/standin/vgg16", "models/standin/clip"));
  }

  @Test
  void anEmptyLocationIsRefusedNamingThePropertyAndTheVariable() {
    assertThatThrownBy(() -> bind(Map.of("imagesearch.models.clip", " ")))
        .hasStackTraceContaining("imagesearch.models.clip (IMAGESEARCH_MODELS_CLIP) is empty");
  }

  @Test
  void aModelThatCannotBeLoadedIsReportedWithBothProperties() {
    ModelLocations missing = new ModelLocations("/nowhere/vgg16", "/nowhere/clip");
    assertThatThrownBy(() -> missing.load(Precision.FP32))
        .hasMessageContaining("imagesearch.models.vgg16=/nowhere/vgg16")
        .hasMessageContaining("imagesearch.models.clip=/nowhere/clip");
  }
}
