package dev.imagesearch.embedding.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The multilingual encoder's bf16 and fp16 variants of the tiny stand-in against its fp32 one: the
 * bounds of the image models (docs/decisions/0023-one-index-any-precision.md). fp16 runs on the CPU
 * here, slowly, as libtorch can.
 */
class MultilingualPrecisionTest {
  private static final Path MODEL =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("models/standin/multilingual");
  private static final List<String> TEXTS =
      List.of(
          "une fleur rouge",
          "ein Hund am Strand",
          "un vestido azul colgado de una percha",
          "赤いドレス",
          "two people riding bicycles in the rain",
          "chaussures",
          "a bowl of soup with a spoon, seen from above");

  @ParameterizedTest
  @EnumSource(
      value = Precision.class,
      names = {"BF16", "FP16"})
  void textsKeepACentredCosineOfAtLeast0995(Precision precision) throws Exception {
    try (MultilingualTextModel fp32 =
            MultilingualTextModel.load(ModelRepository.local(MODEL), Precision.FP32);
        MultilingualTextModel half =
            MultilingualTextModel.load(ModelRepository.local(MODEL), precision)) {
      assertThat(fp32.variant().file()).isEqualTo("model.pt");
      assertThat(half.variant().precision()).isEqualTo(precision.label());
      List<float[]> reference = fp32.embedText(TEXTS);
      List<float[]> other = half.embedText(TEXTS);
      // Not the fp32 file under another name: its vectors differ, within the bound.
      assertThat(other).zipSatisfy(reference, (a, b) -> assertThat(a).isNotEqualTo(b));
      double min = Agreement.min(Agreement.centredCosines(reference, other));
      System.out.printf("multilingual %s: centred cosine min %.5f%n", precision.label(), min);
      assertThat(min).isGreaterThanOrEqualTo(0.995);
    }
  }
}
