package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** {@code https://host/path}: GET {@code path/model.json} and the files it lists. */
final class HttpsSource implements RemoteSource {
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final URI base;

  HttpsSource(URI location) {
    String s = location.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
  }

  @Override
  public byte[] read(String name) throws IOException {
    return send(name, HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  @Override
  public void download(String name, Path target) throws IOException {
    send(name, HttpResponse.BodyHandlers.ofFile(target));
  }

  private <T> HttpResponse<T> send(String name, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    URI uri = base.resolve(name);
    try {
      HttpResponse<T> response = client.send(HttpRequest.newBuilder(uri).GET().build(), handler);
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered " + response.statusCode());
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
