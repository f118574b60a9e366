package dev.imagesearch.embedding.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java tensors against the crops torchvision produced from the same files. */
class PreprocessingParityTest {
  private static final ImageDecoder DECODER = new ImageDecoder();

  static Stream<Arguments> cases() throws Exception {
    return Golden.read().images().stream()
        .flatMap(
            image ->
                Stream.of(
                    Arguments.of(image, "vgg16", Preprocessing.vgg16()),
                    Arguments.of(image, "clip", Preprocessing.clip())));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void tensorsMatchTorchvision(Golden.Image golden, String model, Preprocessing pre)
      throws Exception {
    RgbImage decoded = DECODER.decode(Golden.DIR.resolve("images").resolve(golden.file()));
    assertThat(decoded.width()).as("upright width").isEqualTo(golden.width());
    assertThat(decoded.height()).as("upright height").isEqualTo(golden.height());

    RgbImage expectedCrop =
        DECODER.decode(Golden.DIR.resolve("crops").resolve(golden.file() + "." + model + ".png"));
    float[] actual = new float[pre.tensorSize()];
    float[] expected = new float[pre.tensorSize()];
    pre.toTensor(decoded, actual, 0);
    pre.normalize(expectedCrop, expected, 0);

    double sum = 0;
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      sum += d;
      max = Math.max(max, d);
    }
    double mean = sum / actual.length;
    // TwelveMonkeys' VP8 decoder has no "fancy" chroma upsampling and rounds YUV->RGB differently
    // from libwebp, so lossy WebP pixels differ from Pillow's (measured: mean 0.09-0.11).
    double bound = golden.file().endsWith("lossy.webp") ? 0.15 : 0.01;
    assertThat(mean).as("mean |diff| %.5f (max %.4f)", mean, max).isLessThanOrEqualTo(bound);
    if (lossless(golden.file())) {
      assertThat(max).as("bit-exact resampling of a losslessly stored image").isZero();
    }
  }

  private static boolean lossless(String file) {
    return !file.endsWith(".jpg") && !file.endsWith("lossy.webp");
  }
}
