package dev.imagesearch.web;

import dev.imagesearch.imaging.ImageDecodeException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** How an image that cannot be used is answered, the same for uploads and for query images. */
public final class ImageRejections {
  private ImageRejections() {}

  public static HttpStatus status(ImageDecodeException.Reason reason) {
    return switch (reason) {
      case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case TRUNCATED, CORRUPT, ZERO_SIZED, TOO_MANY_PIXELS -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  public static ResponseStatusException of(ImageDecodeException e) {
    return new ResponseStatusException(status(e.reason()), e.getMessage());
  }
}
