package dev.imagesearch.embedding.precision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.imaging.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fp16 variants (made for GPUs) of the tiny stand-ins against fp32, run here on the CPU, which
 * libtorch can do, slowly: the same bounds as bf16
 * (docs/decisions/0023-one-index-any-precision.md).
 */
class Fp16AccuracyTest {
  private static final Path REPO =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  @Test
  void parityImagesAndTextsKeepACentredCosineOfAtLeast0995() throws Exception {
    String vgg16 = REPO.resolve("models/standin/vgg16").toString();
    String clip = REPO.resolve("models/standin/clip").toString();
    try (EmbeddingModels fp32 = EmbeddingModels.load(vgg16, clip, Precision.FP32);
        EmbeddingModels fp16 = EmbeddingModels.load(vgg16, clip, Precision.FP16)) {
      assertThat(fp16.vgg16().variant().precision()).isEqualTo("fp16");
      assertThat(fp16.clip().variant().precision()).isEqualTo("fp16");
      ImageDecoder decoder = new ImageDecoder();
      List<Crops> crops = new ArrayList<>();
      for (Path file :
          PrecisionAccuracyTest.files(Path.of("src/test/resources/parity/images"), 100)) {
        crops.add(fp32.crops(decoder.decode(file)));
      }
      List<ImageVectors> reference = fp32.embed(crops);
      List<ImageVectors> half = fp16.embed(crops);
      List<String> texts = List.of("a photo of a dog", "a red dress on a hanger", "hat", "shoes");
      double vgg =
          Agreement.min(
              Agreement.centredCosines(
                  reference.stream().map(ImageVectors::vgg16).toList(),
                  half.stream().map(ImageVectors::vgg16).toList()));
      double image =
          Agreement.min(
              Agreement.centredCosines(
                  reference.stream().map(ImageVectors::clip).toList(),
                  half.stream().map(ImageVectors::clip).toList()));
      double text =
          Agreement.min(
              Agreement.centredCosines(fp32.clip().embedText(texts), fp16.clip().embedText(texts)));
      System.out.printf(
          "fp16 on the CPU, centred cosine min: VGG16 %.5f, CLIP image %.5f, texts %.5f%n",
          vgg, image, text);
      assertThat(vgg).as("VGG16").isGreaterThanOrEqualTo(0.995);
      assertThat(image).as("CLIP image").isGreaterThanOrEqualTo(0.995);
      assertThat(text).as("CLIP text").isGreaterThanOrEqualTo(0.995);
    }
  }
}
