package dev.imagesearch.searchapi.models;

import dev.imagesearch.web.ServiceUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs CPU-heavy work (decoding, model inference) on a fixed pool, never on the event loop. The
 * queue is bounded: when it is full the request is answered 503 with Retry-After at once instead of
 * queueing without bound, and a task that takes longer than the timeout is answered 503 too.
 */
@Component
public class Inference implements DisposableBean {
  private final ThreadPoolExecutor pool;
  private final InferenceProperties properties;
  private final Counter busy;
  private final Counter timedOut;

  public Inference(InferenceProperties properties, MeterRegistry registry) {
    this.properties = properties;
    this.busy = rejections(registry, "busy");
    this.timedOut = rejections(registry, "timeout");
    int threads = properties.effectiveThreads();
    BlockingQueue<Runnable> queue =
        properties.queue() == 0
            ? new SynchronousQueue<>()
            : new ArrayBlockingQueue<>(properties.queue());
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            queue,
            r -> {
              Thread t = new Thread(r, "inference-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    Gauge.builder("imagesearch.inference.queue.depth", pool, p -> p.getQueue().size())
        .description("Tasks waiting for an inference worker")
        .register(registry);
    Gauge.builder("imagesearch.inference.active", pool, ThreadPoolExecutor::getActiveCount)
        .description("Inference workers busy now")
        .register(registry);
  }

  private static Counter rejections(MeterRegistry registry, String reason) {
    return Counter.builder("imagesearch.inference.rejections")
        .description("Requests answered 503: pool and queue full (busy) or too slow (timeout)")
        .tag("reason", reason)
        .register(registry);
  }

  public <T> Mono<T> run(Callable<T> task) {
    return Mono.defer(
        () -> {
          CompletableFuture<T> result = new CompletableFuture<>();
          Future<?> submitted;
          try {
            submitted =
                pool.submit(
                    () -> {
                      try {
                        result.complete(task.call());
                      } catch (Exception e) {
                        result.completeExceptionally(e);
                      } catch (Throwable e) {
                        // Reactor rethrows Errors (out of memory, stack overflow) instead of
                        // delivering them, and the request would never be answered.
                        result.completeExceptionally(
                            new ServiceUnavailable(
                                "The server could not process this request; retry shortly.", e));
                      }
                    });
          } catch (RejectedExecutionException e) {
            busy.increment();
            return Mono.error(
                new ServiceUnavailable(
                    "All inference workers are busy; retry in a few seconds.", e));
          }
          return Mono.fromFuture(result)
              .timeout(properties.timeout())
              .doOnCancel(() -> submitted.cancel(true))
              .onErrorMap(
                  TimeoutException.class,
                  e -> {
                    submitted.cancel(true);
                    timedOut.increment();
                    return new ServiceUnavailable(
                        "Inference took longer than " + properties.timeout() + "; retry shortly.",
                        e);
                  });
        });
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
