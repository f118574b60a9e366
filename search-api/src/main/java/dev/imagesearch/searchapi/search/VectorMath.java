package dev.imagesearch.searchapi.search;

/** Exact scores on stored vectors (all unit length, so dot = cosine). */
public final class VectorMath {
  private VectorMath() {}

  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  public static double l1(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((double) a[i] - b[i]);
    }
    return sum;
  }

  public static double l2(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
