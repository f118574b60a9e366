package dev.imagesearch.cli.importer;

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
}
