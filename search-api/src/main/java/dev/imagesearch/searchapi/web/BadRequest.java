package dev.imagesearch.searchapi.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A parameter the client got wrong; the reason is shown to the client as is. */
public class BadRequest extends ResponseStatusException {
  public BadRequest(String reason) {
    super(HttpStatus.BAD_REQUEST, reason);
  }
}
