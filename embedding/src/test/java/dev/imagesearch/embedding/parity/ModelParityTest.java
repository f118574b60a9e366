package dev.imagesearch.embedding.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java vectors on the committed tiny stand-ins against Python's on the same TorchScript files. */
class ModelParityTest {
  private static Golden golden;
  private static List<RgbImage> images;
  private static Vgg16Model vgg;

  @BeforeAll
  static void load() throws Exception {
    golden = Golden.read();
    ImageDecoder decoder = new ImageDecoder();
    images = new ArrayList<>();
    for (Golden.Image image : golden.images()) {
      images.add(decoder.decode(Golden.DIR.resolve("images").resolve(image.file())));
    }
    vgg = Vgg16Model.load(Golden.repo().resolve("models/standin/vgg16"));
  }

  @AfterAll
  static void close() {
    vgg.close();
  }

  @Test
  void vgg16VectorsMatchPython() {
    assertThat(vgg.descriptor().version()).isEqualTo(golden.models().get("vgg16"));
    List<float[]> batched = vgg.embedImages(images);
    for (int i = 0; i < images.size(); i++) {
      String file = golden.images().get(i).file();
      assertThat(batched.get(i)).hasSize(512);
      assertThat(norm(batched.get(i))).as(file).isCloseTo(1.0, within());
      assertThat(Vectors.cosine(batched.get(i), golden.images().get(i).vgg16()))
          .as("VGG16 cosine for %s", file)
          .isGreaterThanOrEqualTo(0.999);
    }
    float[] single = vgg.embedImage(images.get(0));
    assertThat(Vectors.cosine(single, batched.get(0))).isGreaterThan(0.9999);
  }

  @Test
  void clipImageAndTextVectorsMatchPython() throws Exception {
    assumeTrue(vocabularyAvailable(), "CLIP vocabulary (../shared/models/clip) not available");
    try (ClipModel clip = ClipModel.load(Golden.repo().resolve("models/standin/clip"))) {
      assertThat(clip.descriptor().version()).isEqualTo(golden.models().get("clip"));
      List<float[]> vectors = clip.embedImages(images);
      for (int i = 0; i < images.size(); i++) {
        assertThat(Vectors.cosine(vectors.get(i), golden.images().get(i).clip()))
            .as("CLIP image cosine for %s", golden.images().get(i).file())
            .isGreaterThanOrEqualTo(0.999);
      }
      List<String> texts = golden.texts().stream().map(Golden.Text::text).toList();
      List<float[]> textVectors = clip.embedText(texts);
      for (int i = 0; i < texts.size(); i++) {
        Golden.Text expected = golden.texts().get(i);
        assertThat(clip.tokenize(expected.text())).isEqualTo(expected.ids());
        assertThat(Vectors.cosine(textVectors.get(i), expected.clip()))
            .as("CLIP text cosine for '%s'", expected.text())
            .isGreaterThanOrEqualTo(0.999);
      }
    }
  }

  static boolean vocabularyAvailable() {
    String shared = System.getProperty("imagesearch.shared.dir", "../../shared");
    return Files.isRegularFile(Path.of(shared, "models/clip/bpe_simple_vocab_16e6.txt.gz"));
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }
}
