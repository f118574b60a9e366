package dev.imagesearch.embedworker.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.imaging.RgbImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Models that fail on one image must not hold back the others, nor that image forever. */
class ModelBatcherTest {
  private static final int POISON = 13;
  private final AtomicBoolean broken = new AtomicBoolean();

  private static final int OUT_OF_MEMORY = 17;

  /**
   * Vectors that name the image's width; a width of 13, or broken models, fail the pass, and a
   * width of 17 throws an OutOfMemoryError.
   */
  private final Function<List<Crops>, List<ImageVectors>> models =
      images -> {
        if (images.stream().anyMatch(i -> i.vgg16().width() == OUT_OF_MEMORY)) {
          throw new OutOfMemoryError("Java heap space");
        }
        if (broken.get() || images.stream().anyMatch(i -> i.vgg16().width() == POISON)) {
          throw new IllegalStateException("forward pass failed");
        }
        return images.stream()
            .map(
                i ->
                    new ImageVectors(
                        new float[] {i.vgg16().width()}, new float[] {i.clip().width()}))
            .toList();
      };

  private static Crops image(int width) {
    RgbImage image = new RgbImage(width, 1, new byte[width * 3]);
    return new Crops(image, image);
  }

  private ModelBatcher batcher(int maxSize, Duration maxWait) {
    return new ModelBatcher(models, maxSize, maxWait, new WorkerMetrics(new SimpleMeterRegistry()));
  }

  private static Throwable failure(CompletableFuture<ImageVectors> future) {
    try {
      future.join();
      throw new AssertionError("expected a failure, got vectors");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void aPoisonImageFailsAloneAndTheRestOfItsBatchGetsVectors() {
    try (ModelBatcher batcher = batcher(3, Duration.ofSeconds(5))) {
      var good1 = batcher.embed(image(2));
      var poison = batcher.embed(image(POISON));
      var good2 = batcher.embed(image(5));
      assertThat(good1.join().vgg16()).containsExactly(2f);
      assertThat(good2.join().clip()).containsExactly(5f);
      assertThat(failure(poison))
          .isInstanceOf(ModelBatcher.ImageRejected.class)
          .hasMessageContaining("forward pass failed");
    }
  }

  /** An Error must neither kill the batcher thread nor reach Reactor as an Error. */
  @Test
  void anOutOfMemoryErrorFailsThatImageAloneAndTheBatcherGoesOn() {
    try (ModelBatcher batcher = batcher(3, Duration.ofSeconds(5))) {
      var good = batcher.embed(image(2));
      var oom = batcher.embed(image(OUT_OF_MEMORY));
      var other = batcher.embed(image(5));
      assertThat(good.join().vgg16()).containsExactly(2f);
      assertThat(other.join().vgg16()).containsExactly(5f);
      assertThat(failure(oom))
          .isInstanceOf(ModelBatcher.ImageRejected.class)
          .hasMessageContaining("OutOfMemoryError");
      assertThat(failure(batcher.embed(image(OUT_OF_MEMORY)))).isInstanceOf(RuntimeException.class);
      assertThat(batcher.embed(image(4)).join().vgg16()).containsExactly(4f);
    }
  }

  @Test
  void brokenModelsFailEveryImageAsTransientNotAsTheImagesFault() {
    try (ModelBatcher batcher = batcher(2, Duration.ofSeconds(1))) {
      broken.set(true);
      var a = batcher.embed(image(2));
      var b = batcher.embed(image(3));
      assertThat(failure(a)).isInstanceOf(IllegalStateException.class);
      assertThat(failure(b)).isInstanceOf(IllegalStateException.class);
      broken.set(false);
      assertThat(batcher.embed(image(4)).join().vgg16()).containsExactly(4f);
    }
  }

  @Test
  void aLoneImageIsToBlameOnlyWhenTheModelsHaveJustWorked() {
    try (ModelBatcher batcher = batcher(1, Duration.ZERO)) {
      assertThat(failure(batcher.embed(image(POISON))))
          .as("nothing proves the models work yet")
          .isInstanceOf(IllegalStateException.class);
      assertThat(batcher.embed(image(2)).join().vgg16()).containsExactly(2f);
      assertThat(failure(batcher.embed(image(POISON))))
          .isInstanceOf(ModelBatcher.ImageRejected.class);
    }
  }
}
