package dev.imagesearch.cli.importer;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C {@code traceparent} header for one upload: the services continue this trace, so one file's
 * way from here to the index is one trace (README "Observability"). Random ids, sampled.
 */
final class TraceParent {
  static final String HEADER = "traceparent";

  private TraceParent() {}

  static String next() {
    return "00-" + random(16) + "-" + random(8) + "-01";
  }

  private static String random(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 1; // never all zeros, which W3C reserves for "invalid"
    return HexFormat.of().formatHex(id);
  }
}
