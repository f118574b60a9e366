package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads one answer of {@code POST /api/images} (JSON results or RFC 9457 problem+json). */
final class ResponseReader {
  /** {@code {"results":[...]}} on 202, plus the problem fields on a rejection or error. */
  record Answer(List<Item> results, String title, String detail, Integer status) {}

  record Item(String id, String filename, String status, String reason, Integer httpStatus) {}

  private final JsonMapper json =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  Outcome read(ImageFile file, int code, String body, String retryAfter) {
    Answer answer = parse(body);
    Item item =
        answer == null || answer.results() == null || answer.results().isEmpty()
            ? null
            : answer.results().get(0);
    if (code >= 200 && code < 300) {
      if (item == null || item.status() == null) {
        return Outcome.failed(file, "HTTP " + code + " without a result: " + snippet(body));
      }
      return switch (item.status().toLowerCase(Locale.ROOT)) {
        case "accepted" -> new Outcome(file, Outcome.Status.ACCEPTED, item.id(), null);
        case "duplicate" -> new Outcome(file, Outcome.Status.DUPLICATE, item.id(), null);
        case "rejected" ->
            Outcome.rejected(
                file,
                withStatus(
                    firstNonBlank(item.reason(), "rejected"),
                    item.httpStatus() == null ? 0 : item.httpStatus()));
        default ->
            Outcome.failed(file, "unknown status '" + item.status() + "' (HTTP " + code + ")");
      };
    }
    String detail =
        firstNonBlank(
            answer == null ? null : answer.detail(),
            item == null ? null : item.reason(),
            answer == null ? null : answer.title(),
            snippet(body));
    return switch (code) {
      case 400, 413, 415, 422 -> Outcome.rejected(file, withStatus(detail, code));
      case 401, 403 -> throw new AuthRefused(code, detail);
      case 429, 502, 503, 504 ->
          throw new Unavailable(
              "ingest service unavailable: " + withStatus(detail, code),
              retryAfter(retryAfter),
              null);
      default -> Outcome.failed(file, withStatus(detail, code));
    };
  }

  private Answer parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readValue(body, Answer.class);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d =
            Duration.between(
                ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String withStatus(String reason, int code) {
    return code == 0 ? reason : reason + " (HTTP " + code + ")";
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "no detail given";
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
