package dev.imagesearch.localstack;

/** What a probe of a running component saw. */
public record Health(boolean up, String detail) {
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
