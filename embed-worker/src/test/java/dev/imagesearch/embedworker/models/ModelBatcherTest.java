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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    return batcher(models, maxSize, maxWait, 1);
  }

  private static ModelBatcher batcher(
      Function<List<Crops>, List<ImageVectors>> models,
      int maxSize,
      Duration maxWait,
      int runners) {
    return new ModelBatcher(
        models, maxSize, maxWait, runners, new WorkerMetrics(new SimpleMeterRegistry()));
  }

  /** With 2 runners (2 predictors x 1 thread), a second pass starts while the first runs. */
  @Test
  void twoRunnersRunTwoPassesAtOnce() {
    CountDownLatch bothIn = new CountDownLatch(2);
    Function<List<Crops>, List<ImageVectors>> waiting =
        images -> {
          bothIn.countDown();
          try {
            if (!bothIn.await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the other pass never started");
            }
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return models.apply(images);
        };
    try (ModelBatcher batcher = batcher(waiting, 1, Duration.ZERO, 2)) {
      var first = batcher.embed(image(2));
      var second = batcher.embed(image(3));
      assertThat(first.join().vgg16()).containsExactly(2f);
      assertThat(second.join().vgg16()).containsExactly(3f);
    }
  }

  /** The idle runner must not take images from the batch another runner is collecting. */
  @Test
  void twoRunnersDoNotSplitABatch() throws InterruptedException {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    Function<List<Crops>, List<ImageVectors>> counting =
        images -> {
          sizes.add(images.size());
          return models.apply(images);
        };
    try (ModelBatcher batcher = batcher(counting, 3, Duration.ofSeconds(5), 2)) {
      var first = batcher.embed(image(2));
      // The first image is being collected and the other runner waits: now the rest arrive.
      Thread.sleep(300);
      List.of(first, batcher.embed(image(3)), batcher.embed(image(4)))
          .forEach(CompletableFuture::join);
      assertThat(sizes).containsExactly(3);
    }
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
