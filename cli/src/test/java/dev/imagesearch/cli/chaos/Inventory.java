package dev.imagesearch.cli.chaos;

import dev.imagesearch.localstack.S3Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the stack holds, read from S3 and Elasticsearch directly rather than through our APIs. */
final class Inventory {
  private static final String BUCKET = "imagesearch";
  private static final URI ELASTICSEARCH = URI.create("http://127.0.0.1:9200");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Object keys under {@code prefix}, without it; a key listed twice would show as doubled. */
  List<String> s3Keys(String prefix) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:9000"))
            .region(Region.of(S3Store.REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3Store.ACCESS_KEY, S3Store.SECRET_KEY)))
            .build()) {
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
          .map(S3Object::key)
          .forEach(key -> keys.add(key.substring(prefix.length())));
      return keys;
    }
  }

  /** Every image document's status by id ({@code indexed} or {@code failed}). */
  Map<String, String> documents() throws IOException, InterruptedException {
    Map<String, String> statuses = new HashMap<>();
    if (post("/images/_refresh", null).path("status").asInt(0) == 404) {
      return statuses; // no index yet: nothing was indexed
    }
    JsonNode page =
        post(
            "/images/_search?scroll=1m",
            "{\"size\":1000,\"_source\":[\"status\"],\"sort\":[\"_doc\"]}");
    while (page.path("hits").path("hits").size() > 0) {
      for (JsonNode hit : page.path("hits").path("hits")) {
        statuses.merge(
            hit.path("_id").asString(),
            hit.path("_source").path("status").asString("none"),
            (a, b) -> "doubled");
      }
      page =
          post(
              "/_search/scroll",
              "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asString() + "\"}");
    }
    return statuses;
  }

  private JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(ELASTICSEARCH.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 404) {
      throw new IOException(
          "Elasticsearch " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
