package dev.imagesearch.embedworker.models;

import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedding.EmbeddingModels.ImageVectors;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects images (as their small model {@link Crops}) from every listener thread into model
 * batches: a forward pass starts when {@code maxSize} images wait or the oldest has waited {@code
 * maxWait}. {@code runners} threads run the models, one pass each at a time (as many as the models
 * have predictors: 2 predictors x 1 intra-op thread gave more images/s than 1 x 2, see
 * docs/benchmarks.md), so images keep arriving (fetched, decoded) while inference runs. One runner
 * at a time collects a batch, so that two runners do not split the waiting images into half
 * batches.
 */
public final class ModelBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelBatcher.class);

  /**
   * The models work, yet fail on this image alone: retrying it can never help, so its event goes to
   * the dead letters instead of holding its partition back forever.
   */
  public static final class ImageRejected extends RuntimeException {
    ImageRejected(Throwable cause) {
      super("inference failed on this image: " + cause, cause);
    }
  }

  private record Job(Crops crops, CompletableFuture<ImageVectors> result) {}

  private final Function<List<Crops>, List<ImageVectors>> models;
  private final int maxSize;
  private final long maxWaitNanos;
  private final WorkerMetrics metrics;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Object collecting = new Object();
  private final List<Thread> runners = new ArrayList<>();
  private volatile boolean closed;
  // Whether the last forward pass worked: a lone image that then fails is to blame, not the models.
  private volatile boolean lastPassWorked;

  ModelBatcher(
      Function<List<Crops>, List<ImageVectors>> models,
      int maxSize,
      Duration maxWait,
      int runners,
      WorkerMetrics metrics) {
    if (runners < 1) {
      throw new IllegalArgumentException("the model batcher needs a runner: " + runners);
    }
    this.models = models;
    this.maxSize = maxSize;
    this.maxWaitNanos = maxWait.toNanos();
    this.metrics = metrics;
    for (int i = 0; i < runners; i++) {
      this.runners.add(Thread.ofPlatform().name("model-batcher-" + i).daemon().start(this::run));
    }
  }

  /** Completes with the image's vectors, or exceptionally if inference failed. */
  public CompletableFuture<ImageVectors> embed(Crops crops) {
    CompletableFuture<ImageVectors> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the worker is shutting down"));
      return result;
    }
    queue.add(new Job(crops, result));
    return result;
  }

  private void run() {
    while (!closed) {
      List<Job> batch = new ArrayList<>(maxSize);
      try {
        collect(batch);
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

  private void collect(List<Job> batch) throws InterruptedException {
    synchronized (collecting) {
      batch.add(queue.take());
      long deadline = System.nanoTime() + maxWaitNanos;
      while (batch.size() < maxSize) {
        Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
        batch.add(next);
      }
    }
  }

  /**
   * One forward pass; when it fails, each image again on its own, so that one image the models
   * cannot take fails alone. Failures count as transient (the batch is retried later) unless the
   * models have just shown that they work. Errors (out of memory, stack overflow) are caught too:
   * this thread must survive them, or every image waiting for vectors would wait forever.
   */
  private void infer(List<Job> batch) {
    boolean workedBefore = lastPassWorked;
    try {
      pass(batch);
      return;
    } catch (RuntimeException | Error e) {
      log.warn("Inference failed for a batch of {} images: {}", batch.size(), e.toString());
      if (batch.size() == 1) {
        failAlone(batch.getFirst(), e, workedBefore);
        return;
      }
    }
    Map<Job, Throwable> failures = new LinkedHashMap<>();
    for (Job job : batch) {
      try {
        pass(List.of(job));
      } catch (RuntimeException | Error e) {
        failures.put(job, e);
      }
    }
    boolean someWorked = failures.size() < batch.size();
    failures.forEach((job, e) -> failAlone(job, e, someWorked));
  }

  private void pass(List<Job> jobs) {
    List<Crops> images = jobs.stream().map(Job::crops).toList();
    long start = System.nanoTime();
    lastPassWorked = false;
    List<ImageVectors> vectors = models.apply(images);
    lastPassWorked = true;
    metrics.modelBatch(images.size(), System.nanoTime() - start);
    for (int i = 0; i < jobs.size(); i++) {
      jobs.get(i).result().complete(vectors.get(i));
    }
  }

  private static void failAlone(Job job, Throwable e, boolean modelsWork) {
    if (modelsWork) {
      job.result().completeExceptionally(new ImageRejected(e));
    } else if (e instanceof Error) {
      // Reactor rethrows Errors instead of delivering them: the waiting image would never end.
      job.result().completeExceptionally(new IllegalStateException("inference failed: " + e, e));
    } else {
      job.result().completeExceptionally(e);
    }
  }

  private static void fail(List<Job> jobs, Exception e) {
    jobs.forEach(job -> job.result().completeExceptionally(e));
  }

  @Override
  public void close() {
    closed = true;
    runners.forEach(Thread::interrupt);
  }
}
