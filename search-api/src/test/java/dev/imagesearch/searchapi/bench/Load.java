package dev.imagesearch.searchapi.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Runs {@code n} calls from {@code concurrency} threads and reports latency and throughput. */
final class Load {
  /** {@code millis}: every call's latency, sorted, so that runs can be pooled. */
  record Result(double p50, double p99, double perSecond, int n, double[] millis) {}

  interface Call {
    void run(int i) throws Exception;
  }

  private Load() {}

  static Result run(int n, int concurrency, int warmup, Call call) throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run(1_000_000 + i);
    }
    double[] millis = new double[n];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    try {
      List<Future<Void>> workers = new ArrayList<>();
      IntFunction<Callable<Void>> worker =
          w ->
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  long t = System.nanoTime();
                  call.run(i);
                  millis[i] = (System.nanoTime() - t) / 1e6;
                }
                return null;
              };
      for (int w = 0; w < concurrency; w++) {
        workers.add(pool.submit(worker.apply(w)));
      }
      for (Future<Void> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    return new Result(percentile(millis, 0.50), percentile(millis, 0.99), n / seconds, n, millis);
  }

  static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)];
  }
}
