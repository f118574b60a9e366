package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Uploads one file per request to {@code POST /api/images} (multipart part {@code file}, optional
 * fields {@code collection} and {@code tags}) over a connection pool sized to the concurrency.
 * Turns every answer into an {@link Outcome}, or throws {@link Unavailable} (retry) or {@link
 * AuthRefused} (stop everything).
 */
final class IngestClient implements Closeable {
  private static final ContentType MULTIPART_UTF8 =
      ContentType.create("multipart/form-data", StandardCharsets.UTF_8);

  private final URI endpoint;
  private final String apiKey;
  private final CloseableHttpClient http;
  private final ResponseReader reader = new ResponseReader();

  IngestClient(URI baseUrl, String apiKey, int concurrency, Duration timeout) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/api/images");
    this.apiKey = apiKey;
    Timeout t = Timeout.of(timeout);
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(concurrency)
                    .setMaxConnPerRoute(concurrency)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(t)
                            .build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
            // Retries are ours (Failsafe, with backoff and Retry-After), never the client's.
            .disableAutomaticRetries()
            .setUserAgent("imagesearch-import")
            .build();
  }

  URI endpoint() {
    return endpoint;
  }

  Outcome upload(ImageFile file, String collection, String tags) {
    // Browser-compatible: file names go as raw UTF-8, as browsers send them and Spring reads
    // them (EXTENDED would percent-encode "a b.jpg" into the name itself).
    MultipartEntityBuilder form =
        MultipartEntityBuilder.create()
            .setMode(HttpMultipartMode.LEGACY)
            .setContentType(MULTIPART_UTF8)
            .setCharset(StandardCharsets.UTF_8)
            .addBinaryBody(
                "file", file.path(), ContentType.create(file.contentType()), file.filename());
    ContentType text = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
    if (collection != null && !collection.isBlank()) {
      form.addTextBody("collection", collection, text);
    }
    if (tags != null && !tags.isBlank()) {
      form.addTextBody("tags", tags, text);
    }
    HttpPost post = new HttpPost(endpoint);
    post.setEntity(form.build());
    post.setHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json");
    post.setHeader(TraceParent.HEADER, TraceParent.next());
    if (apiKey != null) {
      post.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
    }
    try {
      return http.execute(
          post,
          response -> {
            String body =
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            return reader.read(
                file, response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
          });
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new Unavailable("cannot reach " + endpoint + ": " + why, null, e);
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
