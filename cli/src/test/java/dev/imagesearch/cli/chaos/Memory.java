package dev.imagesearch.cli.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Each component's resident memory at the start, at its peak (sampled each second), at the end. */
final class Memory implements AutoCloseable {
  private final Processes processes;
  private final Map<String, Long> before = new LinkedHashMap<>();
  private final Map<String, Long> peak = new LinkedHashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  Memory(Processes processes) {
    this.processes = processes;
    for (String component : Processes.COMPONENTS) {
      before.put(component, processes.rssMb(component));
      peak.put(component, before.get(component));
    }
    sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void sample() {
    for (String component : Processes.COMPONENTS) {
      peak.merge(component, processes.rssMb(component), Math::max);
    }
  }

  /**
   * Lines of {@code component: before → after MB (peak P MB)}; a component not running is noted.
   */
  synchronized List<String> lines(List<String> violations) {
    return Processes.COMPONENTS.stream()
        .map(
            c -> {
              long after = processes.rssMb(c);
              if (after == 0) {
                violations.add(c + " is not running at the end");
              }
              return String.format(
                  Locale.ROOT,
                  "  %-15s %5d MB -> %5d MB (peak %5d MB)",
                  c,
                  before.get(c),
                  after,
                  peak.get(c));
            })
        .toList();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
