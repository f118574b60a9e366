package dev.imagesearch.embedding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** More inputs than one forward pass takes: every one gets its own vector, in order. */
class BatchedPredictorTest {
  private static final Path REPO =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  @Test
  void splitsLongListsIntoPassesAndKeepsTheOrder() throws Exception {
    List<RgbImage> images = new ArrayList<>();
    for (int i = 0; i < BatchedPredictor.MAX_BATCH + 3; i++) {
      images.add(plain(i * 7));
    }
    try (Vgg16Model vgg = Vgg16Model.load(REPO.resolve("models/standin/vgg16"))) {
      List<float[]> vectors = vgg.embedImages(images);

      assertThat(vectors).hasSize(images.size());
      for (int i : new int[] {0, BatchedPredictor.MAX_BATCH, images.size() - 1}) {
        assertThat(Vectors.cosine(vectors.get(i), vgg.embedImage(images.get(i))))
            .as("image %d", i)
            .isGreaterThan(0.9999);
      }
    }
  }

  /** A 32 x 32 image of one colour per {@code shade}, so that each vector differs. */
  private static RgbImage plain(int shade) {
    byte[] rgb = new byte[32 * 32 * 3];
    for (int p = 0; p < rgb.length; p += 3) {
      rgb[p] = (byte) shade;
      rgb[p + 1] = (byte) (255 - shade);
      rgb[p + 2] = (byte) (p % 256);
    }
    return new RgbImage(32, 32, rgb);
  }
}
