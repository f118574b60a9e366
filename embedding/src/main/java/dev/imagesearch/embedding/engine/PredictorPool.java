package dev.imagesearch.embedding.engine;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * DJL predictors are not thread-safe: each call borrows one, creating up to {@code max} lazily, and
 * hands it back. The model itself is shared (loaded once).
 */
final class PredictorPool<I, O> implements AutoCloseable {
  private final Supplier<Predictor<I, O>> factory;
  private final BlockingQueue<Predictor<I, O>> idle = new LinkedBlockingQueue<>();
  private final List<Predictor<I, O>> all = new ArrayList<>();
  private final AtomicInteger created = new AtomicInteger();
  private final int max;
  private volatile boolean closed;

  PredictorPool(Supplier<Predictor<I, O>> factory, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("pool size must be positive: " + max);
    }
    this.factory = factory;
    this.max = max;
  }

  O predict(I input) throws TranslateException {
    Predictor<I, O> predictor = borrow();
    try {
      return predictor.predict(input);
    } finally {
      idle.add(predictor);
    }
  }

  private Predictor<I, O> borrow() {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
    Predictor<I, O> p = idle.poll();
    if (p != null) {
      return p;
    }
    if (created.incrementAndGet() <= max) {
      Predictor<I, O> fresh = factory.get();
      synchronized (all) {
        all.add(fresh);
      }
      return fresh;
    }
    created.decrementAndGet();
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a predictor", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      all.forEach(Predictor::close);
      all.clear();
    }
  }
}
