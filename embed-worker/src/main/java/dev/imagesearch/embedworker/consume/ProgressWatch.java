package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which batches are in the listener and since when. A batch in flight holds uncommitted events, so
 * its partition has lag; one that never ends is a stuck consumer. Between batches nothing waits for
 * this worker, and each retry after a transient failure is a new entry, so an outage that the
 * worker waits out is not mistaken for a stall (decision 0005).
 */
@Component
class ProgressWatch {
  private final Map<Batch, Long> inFlight = new ConcurrentHashMap<>();

  ProgressWatch(WorkerMetrics metrics) {
    metrics.progressAge(() -> age().toNanos() / 1e9);
    metrics.eventsInFlight(this::eventsInFlight);
  }

  /** A listener call begins; {@link Batch#end} it in a finally block. */
  Batch started(int events) {
    Batch batch = new Batch(events);
    inFlight.put(batch, System.nanoTime());
    return batch;
  }

  /** How long the oldest batch in flight has gone without an end; zero when none is. */
  Duration age() {
    long now = System.nanoTime();
    long oldest = inFlight.values().stream().mapToLong(Long::longValue).min().orElse(now);
    return Duration.ofNanos(now - oldest);
  }

  /** Events of the batches in flight, for the health details and the metrics. */
  int eventsInFlight() {
    return inFlight.keySet().stream().mapToInt(Batch::events).sum();
  }

  final class Batch {
    private final int events;

    private Batch(int events) {
      this.events = events;
    }

    int events() {
      return events;
    }

    void end() {
      inFlight.remove(this);
    }
  }
}
