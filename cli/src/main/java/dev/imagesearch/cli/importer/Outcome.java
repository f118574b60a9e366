package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;

/** What happened to one file: the server's verdict, or why it could not be uploaded. */
record Outcome(ImageFile file, Status status, String id, String reason) {
  enum Status {
    ACCEPTED,
    DUPLICATE,
    REJECTED,
    FAILED
  }

  static Outcome failed(ImageFile file, String reason) {
    return new Outcome(file, Status.FAILED, null, reason);
  }

  static Outcome rejected(ImageFile file, String reason) {
    return new Outcome(file, Status.REJECTED, null, reason);
  }
}
