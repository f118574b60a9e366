package dev.imagesearch.cli.importer;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Checks and normalizes the command's free-text options. */
final class Args {
  private Args() {}

  /** The ingest service's base URL, or null unless it is http(s) with a host. */
  static URI baseUrl(String url) {
    try {
      URI uri = URI.create(url.strip());
      String scheme = uri.getScheme();
      boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      return http && uri.getHost() != null ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** "a, b,,c" becomes "a,b,c"; null when no tag is left. */
  static String tags(String tags) {
    if (tags == null) {
      return null;
    }
    String joined =
        Arrays.stream(tags.split(","))
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .collect(Collectors.joining(","));
    return joined.isEmpty() ? null : joined;
  }
}
