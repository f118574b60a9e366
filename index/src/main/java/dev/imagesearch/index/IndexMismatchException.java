package dev.imagesearch.index;

/** The index on the cluster was made for other models or dimensions: refuse to start. */
public class IndexMismatchException extends RuntimeException {
  public IndexMismatchException(String message) {
    super(message);
  }
}
