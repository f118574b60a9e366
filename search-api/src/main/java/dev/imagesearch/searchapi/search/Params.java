package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.web.BadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.util.MultiValueMap;

/** Reads typed request parameters; anything malformed is a 400 that names the parameter. */
public final class Params {
  /**
   * Dates are limited to four-digit years: Elasticsearch's date format reads no others (it rejects
   * {@code +10000-01-01} and negative years), and no photo was taken or uploaded outside them.
   */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final LocalTime LAST_MILLISECOND = LocalTime.of(23, 59, 59, 999_000_000);

  private final MultiValueMap<String, String> values;

  public Params(MultiValueMap<String, String> values) {
    this.values = values;
  }

  public String text(String name) {
    String v = values.getFirst(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** The raw value, blank included (so "empty" can be told from "absent"); null when absent. */
  public String present(String name) {
    return values.getFirst(name);
  }

  public int integer(String name, int fallback, int min, int max) {
    String v = text(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(name + " must be a whole number from " + min + " to " + max + ".");
  }

  public double number(String name, double fallback, double min, double max) {
    String v = text(name);
    if (v == null) {
      return fallback;
    }
    try {
      double n = Double.parseDouble(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(name + " must be a number from " + min + " to " + max + ".");
  }

  public boolean bool(String name) {
    String v = text(name);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadRequest(name + " must be true or false.");
    };
  }

  /** Repeated and comma-separated values, trimmed, empty ones dropped. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : values.getOrDefault(name, List.of())) {
      Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  /**
   * An ISO-8601 instant, or a date (start of day UTC, or its end when {@code endOfDay}), from year
   * 0001 to 9999.
   */
  public Instant instant(String name, boolean endOfDay) {
    Instant instant = parseInstant(name, endOfDay);
    if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      throw new BadRequest(name + " must be from 0001-01-01 to 9999-12-31.");
    }
    return instant;
  }

  private Instant parseInstant(String name, boolean endOfDay) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate date = LocalDate.parse(v);
        // Not the next day's start minus 1 ms: there is no day after +999999999-12-31.
        return endOfDay
            ? date.atTime(LAST_MILLISECOND).toInstant(ZoneOffset.UTC)
            : date.atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new BadRequest(
            name + " must be a date (2024-05-31) or an instant (2024-05-31T12:00:00Z).");
      }
    }
  }

  public Sort sort() {
    return Sort.parse(text("sort"));
  }

  public Filters filters() {
    String match = text("tagsMatch");
    if (match != null && !match.equals("any") && !match.equals("all")) {
      throw new BadRequest("tagsMatch must be any or all.");
    }
    Integer minWidth =
        text("minWidth") == null ? null : integer("minWidth", 0, 1, Integer.MAX_VALUE);
    return new Filters(
        text("collection"),
        List.copyOf(list("tags")),
        "all".equals(match),
        text("contentType"),
        instant("uploadedFrom", false),
        instant("uploadedTo", true),
        instant("takenFrom", false),
        instant("takenTo", true),
        minWidth,
        bool("hideDuplicates"));
  }
}
