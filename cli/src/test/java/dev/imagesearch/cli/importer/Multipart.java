package dev.imagesearch.cli.importer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict little multipart/form-data parser (RFC 7578) for checking what the client sends. */
final class Multipart {
  record Part(String name, String filename, Map<String, String> headers, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }

    String contentType() {
      return headers.get("content-type");
    }
  }

  private static final Pattern PARAM =
      Pattern.compile(";\\s*([a-zA-Z*]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

  private Multipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("not multipart/form-data: " + contentType);
    }
    String boundary = params(contentType).get("boundary");
    if (boundary == null) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw new IllegalArgumentException("no opening boundary");
    }
    pos += delimiter.length;
    List<Part> parts = new ArrayList<>();
    while (true) {
      if (body[pos] == '-' && body[pos + 1] == '-') {
        return parts; // closing delimiter
      }
      expect(body, pos, "\r\n");
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos + 2);
      Map<String, String> headers = new LinkedHashMap<>();
      String headerText = new String(body, pos + 2, headersEnd - pos - 2, StandardCharsets.UTF_8);
      for (String line : headerText.split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
      }
      int dataStart = headersEnd + 4;
      int dataEnd = indexOf(body, next, dataStart);
      if (dataEnd < 0) {
        throw new IllegalArgumentException("part not terminated");
      }
      Map<String, String> disposition = params(headers.get("content-disposition"));
      String filename = disposition.get("filename");
      if (disposition.containsKey("filename*")) {
        String ext = disposition.get("filename*");
        filename = URLDecoder.decode(ext.substring(ext.indexOf("''") + 2), StandardCharsets.UTF_8);
      }
      parts.add(
          new Part(
              disposition.get("name"),
              filename,
              headers,
              Arrays.copyOfRange(body, dataStart, dataEnd)));
      pos = dataEnd + next.length;
    }
  }

  private static Map<String, String> params(String header) {
    Map<String, String> params = new LinkedHashMap<>();
    if (header != null) {
      Matcher m = PARAM.matcher(header);
      while (m.find()) {
        String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
        params.put(m.group(1).toLowerCase(), value);
      }
    }
    return params;
  }

  private static void expect(byte[] body, int pos, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    if (indexOf(body, t, pos) != pos) {
      throw new IllegalArgumentException("expected CRLF at " + pos);
    }
  }

  private static int indexOf(byte[] data, byte[] target, int from) {
    outer:
    for (int i = from; i <= data.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (data[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
