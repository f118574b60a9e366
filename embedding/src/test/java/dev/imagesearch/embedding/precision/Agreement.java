package dev.imagesearch.embedding.precision;

import dev.imagesearch.embedding.Vectors;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** How closely vectors of the same inputs from two variants of a model agree. */
final class Agreement {
  private Agreement() {}

  /**
   * Per input, the cosine of the two vectors after subtracting the reference set's mean from both:
   * random-weight vectors all point nearly the same way, so a raw cosine would hide errors.
   */
  static double[] centredCosines(List<float[]> reference, List<float[]> other) {
    float[] mean = new float[reference.getFirst().length];
    for (float[] v : reference) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += v[d] / reference.size();
      }
    }
    return IntStream.range(0, reference.size())
        .mapToDouble(i -> Vectors.cosine(minus(reference.get(i), mean), minus(other.get(i), mean)))
        .toArray();
  }

  /**
   * Mean over the inputs of the share of each one's {@code k} nearest neighbours (cosine, itself
   * excluded) under {@code reference} that {@code other} finds too.
   */
  static double recallAt(int k, List<float[]> reference, List<float[]> other) {
    double sum = 0;
    for (int i = 0; i < reference.size(); i++) {
      Set<Integer> expected = new HashSet<>(nearest(k, i, reference));
      expected.retainAll(nearest(k, i, other));
      sum += expected.size() / (double) k;
    }
    return sum / reference.size();
  }

  private static List<Integer> nearest(int k, int query, List<float[]> vectors) {
    double[] scores = new double[vectors.size()];
    for (int j = 0; j < vectors.size(); j++) {
      scores[j] = j == query ? Double.NEGATIVE_INFINITY : dot(vectors.get(query), vectors.get(j));
    }
    return IntStream.range(0, vectors.size())
        .boxed()
        .sorted((a, b) -> Double.compare(scores[b], scores[a]))
        .limit(k)
        .toList();
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += (double) a[d] * b[d];
    }
    return s;
  }

  private static float[] minus(float[] v, float[] mean) {
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = v[d] - mean[d];
    }
    return out;
  }
}
