package dev.imagesearch.cli.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings that are not about pixels: part content types (F3), dates out of range (F4), the
 * addresses the services listen on (F5), headers and the S3 secret's file mode (F7), and Netty's
 * leak reports in the ingest log (F8). Each returns what it found wrong.
 */
final class Probes {
  static final List<String> PART_TYPES =
      List.of(
          "text/plain; charset=utf-7",
          "image/jpeg; charset=bogus",
          "???",
          "image/",
          "image/jpeg; q=\"unterminated",
          "x".repeat(4000));

  /** Parameter, value. */
  static final List<List<String>> DATES =
      List.of(
          List.of("takenFrom", "-10000-01-01"),
          List.of("takenTo", "+10000-01-01"),
          List.of("uploadedFrom", "-999999999-01-01"),
          List.of("uploadedTo", "2024-13-45"),
          List.of("takenFrom", "yesterday"));

  private final Requests requests;
  private final Duration timeout;

  Probes(Requests requests, Duration timeout) {
    this.requests = requests;
    this.timeout = timeout;
  }

  /**
   * F3: the ledger flags a 5xx; an upload with a strange part type is still judged by its bytes.
   */
  void partTypes(Sample image) {
    for (String type : PART_TYPES) {
      requests.upload("upload part-type", List.of(image), type, timeout);
      requests.searchByImage("search part-type", image, type, timeout);
    }
  }

  /** F4: a 400 that names the parameter. */
  List<String> dates() {
    List<String> wrong = new ArrayList<>();
    DATES.forEach(
        date -> {
          String parameter = date.get(0);
          String value = date.get(1);
          URI uri =
              Requests.SEARCH.resolve(
                  "/api/search?q=x&"
                      + parameter
                      + "="
                      + URLEncoder.encode(value, StandardCharsets.UTF_8));
          Requests.Answer answer = requests.get("search dates", uri, timeout);
          if (answer.status() != 400 || !answer.body().contains(parameter)) {
            wrong.add(
                parameter
                    + "="
                    + value
                    + " answered "
                    + answer.status()
                    + ", not a 400 naming "
                    + parameter);
          }
        });
    return wrong;
  }

  /** F8: refused uploads (no key) must not leak; the leak detector logs to the service's log. */
  void refusedUploads(Sample image, int count) {
    for (int i = 0; i < count; i++) {
      requests.uploadWithoutKey("refused no key", image, timeout);
    }
  }

  /** F5: the three services listen on loopback only. */
  static List<String> listeners() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        int port = Integer.parseInt(local[1], 16);
        boolean listening = f[3].equals("0A");
        if (listening
            && (port >= 8080 && port <= 8082 || port == 8090 || port == 8091)
            && !loopback(local[0])) {
          wrong.add(
              "port "
                  + port
                  + " listens on "
                  + (local[0].matches("0+") ? "every interface" : local[0]));
        }
      }
    }
    return wrong;
  }

  /** 127.0.0.1, ::1 or ::ffff:127.0.0.1, as /proc/net/tcp* writes them. */
  private static boolean loopback(String hex) {
    return hex.equals("0100007F")
        || hex.equals("00000000000000000000000001000000")
        || hex.equals("0000000000000000FFFF00000100007F");
  }

  /**
   * F7: served images are not sniffed, the page has a CSP. The content of a stored image, the
   * thumbnail of an indexed one (null when there is none: the audit fails that run anyway).
   */
  List<String> headers(String stored, String indexed) {
    List<String> wrong = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    if (stored != null) {
      paths.add("/api/images/" + stored + "/content");
    }
    if (indexed != null) {
      paths.add("/api/images/" + indexed + "/thumbnail");
    }
    for (String path : paths) {
      Requests.Answer answer = requests.get("headers", Requests.SEARCH.resolve(path), timeout);
      if (answer.headers() == null
          || !answer.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
        wrong.add(path + " has no X-Content-Type-Options: nosniff (HTTP " + answer.status() + ")");
      }
    }
    Requests.Answer page = requests.get("headers", Requests.SEARCH.resolve("/"), timeout);
    if (page.headers() == null || page.headers().firstValue("Content-Security-Policy").isEmpty()) {
      wrong.add("/ has no Content-Security-Policy");
    }
    return wrong;
  }

  /** F7: the file with the S3 secret is for its owner only. F8: no leak report in any log. */
  static List<String> files(Path var) throws IOException {
    List<String> wrong = new ArrayList<>();
    Path secret = var.resolve("s3").resolve("s3proxy.properties");
    if (Files.exists(secret)
        && Files.getPosixFilePermissions(secret).contains(PosixFilePermission.OTHERS_READ)) {
      wrong.add(secret + " is readable by everyone");
    }
    try (var logs = Files.list(var.resolve("log"))) {
      for (Path log : logs.toList()) {
        long leaks =
            Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains("LEAK:"))
                .count();
        if (leaks > 0) {
          wrong.add(log.getFileName() + " has " + leaks + " Netty LEAK reports");
        }
      }
    }
    return wrong;
  }
}
