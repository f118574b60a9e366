package dev.imagesearch.ingestservice.upload;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class UploadController {
  private final UploadService uploads;
  private final IngestProperties limits;

  UploadController(UploadService uploads, IngestProperties limits) {
    this.uploads = uploads;
    this.limits = limits;
  }

  /**
   * 202 with one result per file when at least one file was taken. When none was, the answer is the
   * first rejection's status as problem+json, still listing every file's result.
   */
  @PostMapping(path = "/api/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<?>> upload(@RequestBody Flux<PartEvent> parts) {
    return UploadParts.read(parts, limits.maxFileSize().toBytes(), limits.maxFilesPerRequest())
        .flatMap(uploads::upload)
        .map(UploadController::respond);
  }

  record UploadResponse(List<UploadResult> results) {}

  private static ResponseEntity<?> respond(List<UploadResult> results) {
    if (results.stream().anyMatch(r -> r.status() != UploadResult.Status.rejected)) {
      return ResponseEntity.accepted().body(new UploadResponse(results));
    }
    UploadResult first = results.getFirst();
    HttpStatus status = HttpStatus.valueOf(first.httpStatus());
    String detail =
        results.size() == 1
            ? first.reason()
            : "None of the "
                + results.size()
                + " files was accepted. "
                + first.filename()
                + ": "
                + first.reason();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle("Upload rejected");
    problem.setProperty("results", results);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
