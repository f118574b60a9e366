package dev.imagesearch.localstack;

/** A server that could not start, with the cause in words a user can act on. */
public class ServerStartException extends RuntimeException {
  public ServerStartException(String message) {
    super(message);
  }

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
