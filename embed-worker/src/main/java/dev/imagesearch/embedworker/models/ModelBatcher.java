package dev.imagesearch.embedworker.models;

import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.imaging.RgbImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects decoded images from every listener thread into model batches: a forward pass starts when
 * {@code maxSize} images wait or the oldest has waited {@code maxWait}. One thread runs the models,
 * so images keep arriving (fetched, decoded) while inference runs.
 */
public final class ModelBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelBatcher.class);

  /** The VGG16 and CLIP vectors of one image. */
  public record Vectors(float[] vgg16, float[] clip) {}

  private record Job(RgbImage image, CompletableFuture<Vectors> result) {}

  private final Models models;
  private final int maxSize;
  private final long maxWaitNanos;
  private final WorkerMetrics metrics;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  ModelBatcher(Models models, int maxSize, Duration maxWait, WorkerMetrics metrics) {
    this.models = models;
    this.maxSize = maxSize;
    this.maxWaitNanos = maxWait.toNanos();
    this.metrics = metrics;
    this.thread = Thread.ofPlatform().name("model-batcher").daemon().start(this::run);
  }

  /** Completes with the image's vectors, or exceptionally if inference failed. */
  public CompletableFuture<Vectors> embed(RgbImage image) {
    CompletableFuture<Vectors> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the worker is shutting down"));
      return result;
    }
    queue.add(new Job(image, result));
    return result;
  }

  private void run() {
    while (!closed) {
      List<Job> batch = new ArrayList<>(maxSize);
      try {
        batch.add(queue.take());
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxSize) {
          Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
      } catch (InterruptedException e) {
        fail(batch, e);
        break;
      }
      infer(batch);
    }
    List<Job> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new IllegalStateException("the worker is shutting down"));
  }

  private void infer(List<Job> batch) {
    List<RgbImage> images = batch.stream().map(Job::image).toList();
    try {
      long start = System.nanoTime();
      List<float[]> vgg16 = models.vgg16().embedImages(images);
      List<float[]> clip = models.clip().embedImages(images);
      metrics.modelBatch(images.size(), System.nanoTime() - start);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(new Vectors(vgg16.get(i), clip.get(i)));
      }
    } catch (RuntimeException e) {
      log.warn("Inference failed for a batch of {} images: {}", images.size(), e.toString());
      fail(batch, e);
    }
  }

  private static void fail(List<Job> jobs, Exception e) {
    jobs.forEach(job -> job.result().completeExceptionally(e));
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
