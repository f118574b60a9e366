package dev.imagesearch.searchapi.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code imagesearch.models.precision} picks the variant of every model the service loads. */
class ModelPrecisionTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, ModelConfiguration.class)
          .withPropertyValues(
              "imagesearch.models.vgg16=../models/standin/vgg16",
              "imagesearch.models.clip=../models/standin/clip",
              "imagesearch.models.multilingual=../models/standin/multilingual");

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ModelProperties.class)
  static class Properties {}

  @Test
  void eachPrecisionLoadsItsVariant() {
    for (String[] expected :
        new String[][] {
          {"fp32", "model.pt"}, {"bf16", "model-bf16.pt"}, {"fp16", "model-fp16.pt"}
        }) {
      runner
          .withPropertyValues("imagesearch.models.precision=" + expected[0])
          .run(
              context -> {
                EmbeddingModels models = context.getBean(EmbeddingModels.class);
                assertThat(models.vgg16().variant().file()).isEqualTo(expected[1]);
                assertThat(models.clip().variant().precision()).isEqualTo(expected[0]);
                assertThat(context.getBean(MultilingualTextModel.class).variant().file())
                    .isEqualTo(expected[1]);
              });
    }
  }

  @Test
  void anUnknownPrecisionStopsTheStartNamingTheProperty() {
    runner
        .withPropertyValues("imagesearch.models.precision=int8")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("imagesearch.models.precision")
                    .hasStackTraceContaining("int8"));
  }
}
