package dev.imagesearch.searchapi.bench;

import dev.imagesearch.searchapi.search.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The baseline: exact scoring of every stored vector per query, as the seed did, here in memory and
 * single-threaded per query (the most generous form of it: no I/O at all).
 */
final class Exact {
  private Exact() {}

  /** Indices of the k best vectors for the metric, best first, leaving out {@code skip}. */
  static List<Integer> topK(float[][] all, float[] q, Metric metric, int k, int skip) {
    // Max-heap on "badness" keeps the k best seen so far.
    PriorityQueue<double[]> heap = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(b[0], a[0]));
    for (int i = 0; i < all.length; i++) {
      if (i == skip) {
        continue;
      }
      double bad = badness(all[i], q, metric);
      if (heap.size() < k) {
        heap.add(new double[] {bad, i});
      } else if (bad < heap.peek()[0]) {
        heap.poll();
        heap.add(new double[] {bad, i});
      }
    }
    double[][] sorted = heap.toArray(new double[0][]);
    Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
    List<Integer> out = new ArrayList<>(sorted.length);
    for (double[] e : sorted) {
      out.add((int) e[1]);
    }
    return out;
  }

  private static double badness(float[] v, float[] q, Metric metric) {
    double sum = 0;
    switch (metric) {
      case COSINE -> {
        for (int d = 0; d < q.length; d++) {
          sum += v[d] * q[d];
        }
        return -sum;
      }
      case L2 -> {
        for (int d = 0; d < q.length; d++) {
          double x = v[d] - q[d];
          sum += x * x;
        }
        return sum;
      }
      case L1 -> {
        for (int d = 0; d < q.length; d++) {
          sum += Math.abs(v[d] - q[d]);
        }
        return sum;
      }
      default -> throw new IllegalArgumentException(metric.toString());
    }
  }
}
