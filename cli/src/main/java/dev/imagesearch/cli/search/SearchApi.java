package dev.imagesearch.cli.search;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * search-api as the CLI uses it: queries, and deletions (which it passes on to the ingest-service).
 * Every call answers the body as text, or throws {@link Refused} with the server's own words.
 */
final class SearchApi implements Closeable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The server said no (4xx/5xx) or could not be reached; the message says what to do. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private final String base;
  private final String apiKey;
  private final CloseableHttpClient http =
      HttpClients.custom().disableAutomaticRetries().setUserAgent("imagesearch-cli").build();

  SearchApi(URI base, String apiKey) {
    this.base = base.toString().replaceAll("/+$", "");
    this.apiKey = apiKey;
  }

  String text(String text, int k) throws Refused {
    return send(new HttpGet(base + "/api/search?q=" + encode(text) + "&k=" + k));
  }

  /** The image, with the text when there is one, combined in CLIP space. */
  String image(Path image, String text, int k) throws Refused {
    MultipartEntityBuilder form = MultipartEntityBuilder.create().addBinaryBody("image", image);
    if (text != null) {
      form.addTextBody("q", text, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
    }
    HttpPost post = new HttpPost(base + "/api/search?k=" + k);
    post.setEntity(form.build());
    return send(post);
  }

  String similar(String id, int k) throws Refused {
    return send(new HttpGet(base + "/api/images/" + encode(id) + "/similar?k=" + k));
  }

  String delete(String id) throws Refused {
    return send(new HttpDelete(base + "/api/images/" + encode(id)));
  }

  private String send(HttpUriRequestBase request) throws Refused {
    request.setHeader(HttpHeaders.ACCEPT, "application/json, application/problem+json");
    if (apiKey != null) {
      request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
    }
    try {
      return http.execute(
          request,
          response -> {
            String body =
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() >= 300) {
              throw new IOException(new Refused(problem(response.getCode(), body)));
            }
            return body;
          });
    } catch (IOException e) {
      if (e.getCause() instanceof Refused refused) {
        throw refused;
      }
      throw new Refused(
          "Cannot reach " + base + " (" + e.getMessage() + "). Is it running? ./imagesearch up");
    }
  }

  /** The problem+json {@code detail}, written for people; the status when there is none. */
  private static String problem(int status, String body) {
    try {
      JsonNode detail = JSON.readTree(body).path("detail");
      if (detail.isString()) {
        return detail.asString() + " (HTTP " + status + ")";
      }
    } catch (RuntimeException e) {
      // not JSON: the status says it
    }
    return "HTTP " + status;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
