package dev.imagesearch.ingestservice.upload;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one file of an upload. {@code reason} and {@code httpStatus} only when rejected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(
    String id, String filename, Status status, String reason, Integer httpStatus) {
  public enum Status {
    accepted,
    duplicate,
    rejected
  }

  static UploadResult accepted(String id, String filename) {
    return new UploadResult(id, filename, Status.accepted, null, null);
  }

  static UploadResult duplicate(String id, String filename) {
    return new UploadResult(id, filename, Status.duplicate, null, null);
  }

  static UploadResult rejected(String filename, int httpStatus, String reason) {
    return new UploadResult(null, filename, Status.rejected, reason, httpStatus);
  }
}
