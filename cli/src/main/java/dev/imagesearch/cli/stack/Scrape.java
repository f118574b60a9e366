package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.HttpProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One scrape of a service's {@code /actuator/prometheus}: its samples and when it was taken. */
record Scrape(List<Sample> samples, long nanos) {
  record Sample(String name, String labels, double value) {}

  static Optional<Scrape> of(String serviceUrl) {
    return HttpProbe.get(serviceUrl + "/actuator/prometheus")
        .filter(response -> response.statusCode() == 200)
        .map(response -> parse(response.body(), System.nanoTime()));
  }

  /** The sample lines of Prometheus' text format: {@code name{labels} value}; comments skipped. */
  static Scrape parse(String text, long nanos) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int value = line.lastIndexOf(' ');
      int labels = line.indexOf('{');
      String series = line.substring(0, value);
      String name = labels < 0 || labels > value ? series : line.substring(0, labels);
      try {
        samples.add(new Sample(name, series.substring(name.length()), parseValue(line, value)));
      } catch (NumberFormatException notASample) {
        // Not the format this reads (a timestamp after the value, say): left out.
      }
    }
    return new Scrape(List.copyOf(samples), nanos);
  }

  private static double parseValue(String line, int space) {
    return Double.parseDouble(line.substring(space + 1).strip());
  }

  /** The sum over every series of {@code name} whose labels contain {@code label}; NaN is 0. */
  double sum(String name, String label) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().contains(label))
        .mapToDouble(Sample::value)
        .filter(v -> !Double.isNaN(v))
        .sum();
  }

  /** Per second, from {@code earlier} to this scrape: counters only grow between the two. */
  double rate(Scrape earlier, String name, String label) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    return Math.max(0, sum(name, label) - earlier.sum(name, label)) / seconds;
  }
}
