package dev.imagesearch.cli.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local download server for the tests: serves a folder's files by name, honours {@code Range:
 * bytes=N-} with 206 as the real hosts do, and can stop sending a response after some bytes, as a
 * stalled connection does.
 */
final class Mirror implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final Path folder;
  private final Map<String, Long> breakAfter = new ConcurrentHashMap<>();
  final List<String> ranges = new CopyOnWriteArrayList<>();

  Mirror(Path folder) throws IOException {
    this.folder = folder;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The next response for this file sends only {@code bytes}, then nothing more. */
  void breakAfter(String name, long bytes) {
    breakAfter.put(name, bytes);
  }

  private void serve(HttpExchange exchange) throws IOException {
    Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1));
    if (!Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    long size = Files.size(file);
    long from = 0;
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null) {
      ranges.add(file.getFileName() + " " + range);
      Matcher m = RANGE.matcher(range);
      from = m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
    exchange.sendResponseHeaders(from > 0 ? 206 : 200, size - from);
    Long cut = breakAfter.remove(file.getFileName().toString());
    long toSend = cut == null ? size - from : cut;
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = exchange.getResponseBody()) {
      in.skipNBytes(from);
      byte[] buffer = new byte[1 << 16];
      for (long left = toSend; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        out.write(buffer, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      // a response cut short (the client gave up waiting): the point of the test
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
