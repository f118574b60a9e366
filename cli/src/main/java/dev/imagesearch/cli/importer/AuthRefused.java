package dev.imagesearch.cli.importer;

import java.net.URI;

/** 401 or 403: no file can be uploaded with this key, so the whole import stops. */
final class AuthRefused extends RuntimeException {
  private final int status;

  AuthRefused(int status, String detail) {
    super(detail);
    this.status = status;
  }

  int status() {
    return status;
  }

  /** What went wrong and how to pass a key that works. */
  String explain(ResolvedKey key, URI endpoint) {
    String how =
        " Pass a key with --api-key KEY or the "
            + ResolvedKey.ENV
            + " environment variable; ./imagesearch up writes the local stack's key to"
            + " var/api-key.";
    if (status == 403) {
      return "The API key from "
          + key.source()
          + " is read-only: "
          + endpoint
          + " answered 403 Forbidden ("
          + getMessage()
          + "). Importing needs a key with write access."
          + how;
    }
    String which =
        key.key() == null
            ? "No API key was found, and "
            : "The API key from " + key.source() + " was refused: ";
    return which + endpoint + " answered 401 Unauthorized (" + getMessage() + ")." + how;
  }
}
