package dev.imagesearch.cli.models;

import java.net.URI;

/**
 * One file {@code models fetch} downloads, with the SHA-256 it must have: the whole digest, or the
 * prefix that the publisher's file name carries (torchvision verifies its weights the same way).
 */
record Checkpoint(String name, URI url, String sha256) {

  Checkpoint {
    if (!sha256.matches("[0-9a-f]{8,64}")) {
      throw new IllegalArgumentException(name + ": sha256 must be 8 to 64 lower-case hex digits");
    }
  }

  /** The same file from a mirror: {@code mirror/name}. */
  Checkpoint from(URI mirror) {
    String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
    return new Checkpoint(name, URI.create(base + name), sha256);
  }

  boolean matches(String actualSha256) {
    return actualSha256.startsWith(sha256); // Download.sha256 writes lower-case hex
  }
}
