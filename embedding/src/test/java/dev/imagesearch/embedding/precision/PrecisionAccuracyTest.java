package dev.imagesearch.embedding.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.imaging.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bf16 variants of the committed tiny stand-ins against their fp32 variants: the bounds that
 * let vectors of both precisions share one index (docs/decisions/0023-one-index-any-precision.md).
 */
class PrecisionAccuracyTest {
  private static final Path REPO =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();
  private static final Path PARITY_IMAGES = Path.of("src/test/resources/parity/images");
  private static final Path CLOTHING =
      Path.of(System.getProperty("imagesearch.shared.dir", "../../shared"), "data/clothing10");
  private static final int PHOTOS = 500;

  private static EmbeddingModels fp32;
  private static EmbeddingModels bf16;

  @BeforeAll
  static void load() throws Exception {
    String vgg16 = REPO.resolve("models/standin/vgg16").toString();
    String clip = REPO.resolve("models/standin/clip").toString();
    fp32 = EmbeddingModels.load(vgg16, clip, Precision.FP32);
    bf16 = EmbeddingModels.load(vgg16, clip, Precision.BF16);
    assertThat(bf16.vgg16().variant().precision()).isEqualTo("bf16");
    assertThat(bf16.vgg16().variant().memoryFormat()).isEqualTo("channels_last");
    assertThat(bf16.clip().variant().precision()).isEqualTo("bf16");
  }

  @AfterAll
  static void close() {
    fp32.close();
    bf16.close();
  }

  @Test
  void parityImagesKeepACentredCosineOfAtLeast0995() throws Exception {
    List<Crops> crops = crops(files(PARITY_IMAGES, Integer.MAX_VALUE));
    List<ImageVectors> reference = fp32.embed(crops);
    List<ImageVectors> other = bf16.embed(crops);
    double vgg16 = Agreement.min(Agreement.centredCosines(vgg16(reference), vgg16(other)));
    double clip = Agreement.min(Agreement.centredCosines(clip(reference), clip(other)));
    System.out.printf("parity images: centred cosine min VGG16 %.5f, CLIP %.5f%n", vgg16, clip);
    assertThat(vgg16).as("VGG16").isGreaterThanOrEqualTo(0.995);
    assertThat(clip).as("CLIP image").isGreaterThanOrEqualTo(0.995);
  }

  @Test
  void textsKeepACentredCosineOfAtLeast0995() {
    List<String> texts =
        List.of(
            "a photo of a dog",
            "a red dress on a hanger",
            "two people riding bicycles in the rain",
            "hat",
            "a bowl of soup with a spoon, seen from above",
            "shoes");
    double min =
        Agreement.min(
            Agreement.centredCosines(fp32.clip().embedText(texts), bf16.clip().embedText(texts)));
    System.out.printf("texts: centred cosine min CLIP %.5f%n", min);
    assertThat(min).isGreaterThanOrEqualTo(0.995);
  }

  @Test
  void nearestNeighboursOf500PhotosKeepARecallAt10OfAtLeast095() throws Exception {
    assumeTrue(Files.isDirectory(CLOTHING.resolve("images")), CLOTHING + " not available");
    List<Crops> crops = crops(files(CLOTHING.resolve("images"), PHOTOS));
    assertThat(crops).hasSize(PHOTOS);
    List<ImageVectors> reference = fp32.embed(crops);
    List<ImageVectors> other = bf16.embed(crops);
    double vgg16 = Agreement.recallAt(10, vgg16(reference), vgg16(other));
    double clip = Agreement.recallAt(10, clip(reference), clip(other));
    System.out.printf("%d photos: recall@10 VGG16 %.4f, CLIP %.4f%n", PHOTOS, vgg16, clip);
    assertThat(vgg16).as("VGG16").isGreaterThanOrEqualTo(0.95);
    assertThat(clip).as("CLIP").isGreaterThanOrEqualTo(0.95);
  }

  /** Up to {@code limit} files under {@code dir}, spread evenly over its sorted listing. */
  static List<Path> files(Path dir, int limit) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
      int step = Math.max(1, all.size() / limit);
      List<Path> picked = new ArrayList<>();
      for (int i = 0; i < all.size() && picked.size() < limit; i += step) {
        picked.add(all.get(i));
      }
      return picked;
    }
  }

  private static List<Crops> crops(List<Path> files) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    List<Crops> crops = new ArrayList<>();
    for (Path file : files) {
      crops.add(fp32.crops(decoder.decode(file)));
    }
    return crops;
  }

  private static List<float[]> vgg16(List<ImageVectors> vectors) {
    return vectors.stream().map(ImageVectors::vgg16).toList();
  }

  private static List<float[]> clip(List<ImageVectors> vectors) {
    return vectors.stream().map(ImageVectors::clip).toList();
  }
}
