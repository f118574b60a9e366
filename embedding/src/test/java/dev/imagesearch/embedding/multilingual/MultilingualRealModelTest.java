package dev.imagesearch.embedding.multilingual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.imaging.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With the REAL models only (stand-ins are not semantic): a French query, encoded by the
 * multilingual encoder, ranks the same clothing photos near the top as its English translation
 * encoded by CLIP's text tower. Point {@code IMAGESEARCH_REAL_MODELS} (or {@code
 * -Dimagesearch.real.models}) at the directory {@code ./imagesearch models fetch} wrote.
 */
class MultilingualRealModelTest {
  private static final List<String> LABELS = List.of("dress", "hat", "pants", "shoes", "shorts");
  private static final int PER_LABEL = 20;
  private static final int TOP = 10;

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
    "une robe, a dress, dress",
    "un chapeau, a hat, hat",
    "un pantalon, pants, pants",
    "des chaussures, shoes, shoes"
  })
  void aFrenchQueryRanksLikeItsEnglishTranslation(String french, String english, String label)
      throws Exception {
    Path models = realModels();
    Path clothing = Path.of("../../shared/data/clothing10");
    assumeTrue(Files.isRegularFile(clothing.resolve("labels.csv")), "../shared/data not present");
    List<String> labels = new ArrayList<>();
    List<float[]> images = new ArrayList<>();
    try (ClipModel clip = ClipModel.load(models.resolve("clip"));
        MultilingualTextModel multilingual =
            MultilingualTextModel.load(models.resolve("multilingual"))) {
      ImageDecoder decoder = new ImageDecoder();
      for (String l : LABELS) {
        List<String> files =
            Files.readAllLines(clothing.resolve("labels.csv")).stream()
                .filter(line -> line.endsWith("," + l + ",test"))
                .limit(PER_LABEL)
                .map(line -> line.split(",")[0])
                .toList();
        for (String file : files) {
          images.add(clip.embedImage(decoder.decode(clothing.resolve(file))));
          labels.add(l);
        }
      }
      List<Integer> byFrench = top(images, multilingual.embedText(french));
      List<Integer> byEnglish = top(images, clip.embedText(english));

      assertThat(byFrench.stream().filter(byEnglish::contains).count())
          .as("images in both top %d", TOP)
          .isGreaterThanOrEqualTo(TOP / 2);
      assertThat(byFrench.stream().filter(i -> labels.get(i).equals(label)).count())
          .as("'%s' images in the French query's top %d", label, TOP)
          .isGreaterThanOrEqualTo(TOP / 2);
    }
  }

  private static List<Integer> top(List<float[]> images, float[] query) {
    return IntStream.range(0, images.size())
        .boxed()
        .sorted(Comparator.comparingDouble(i -> -Vectors.cosine(images.get(i), query)))
        .limit(TOP)
        .toList();
  }

  private static Path realModels() throws Exception {
    String dir =
        System.getProperty("imagesearch.real.models", System.getenv("IMAGESEARCH_REAL_MODELS"));
    assumeTrue(
        dir != null,
        "no real models: set IMAGESEARCH_REAL_MODELS to the output of ./imagesearch models fetch");
    Path models = Path.of(dir);
    for (String name : List.of("clip", "multilingual")) {
      Path json = models.resolve(name).resolve(ModelDescriptor.FILE_NAME);
      assumeTrue(Files.isRegularFile(json), "no real model at " + json.getParent());
      assumeTrue(
          !ModelDescriptor.read(json).standin(), json + " is a stand-in, not the real model");
    }
    return models;
  }
}
