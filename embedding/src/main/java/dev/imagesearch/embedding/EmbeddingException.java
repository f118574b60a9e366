package dev.imagesearch.embedding;

/** Inference failed inside the engine (not a bad input image: see ImageDecodeException). */
public final class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
