package dev.imagesearch.web;

import dev.imagesearch.contracts.ImageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error is problem+json. Spring's own exceptions (400, 404, 405, 415, ...) and {@code
 * ResponseStatusException}s go through the base class; anything unexpected is a 500 that says
 * nothing internal.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** S3 failures anywhere: the request changed nothing, so the client may retry it. */
  @ExceptionHandler(SdkException.class)
  ResponseEntity<ProblemDetail> storageUnavailable(SdkException e) {
    log.warn("S3 unavailable: {}", e.toString());
    var unavailable =
        new ServiceUnavailable(
            "Image storage (S3) is unavailable; nothing was changed, retry shortly.", e);
    return ResponseEntity.status(unavailable.getStatusCode())
        .headers(unavailable.getHeaders())
        .body(unavailable.getBody());
  }

  /**
   * A malformed Content-Type of a multipart part ({@code ???}, {@code charset=bogus}): Spring
   * throws these while reading the body, past its own mapping of the request's Content-Type.
   */
  @ExceptionHandler({InvalidMediaTypeException.class, InvalidMimeTypeException.class})
  ProblemDetail malformedContentType(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST,
        e.getMessage()
            + ". Send each part with a valid Content-Type (such as image/jpeg) or with none.");
  }

  /** An id in a path that is no image id never reaches S3 or Elasticsearch. */
  @ExceptionHandler(ImageId.Invalid.class)
  ProblemDetail invalidImageId(ImageId.Invalid e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("Unexpected error", e);
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; the details are in the service log.");
  }
}
