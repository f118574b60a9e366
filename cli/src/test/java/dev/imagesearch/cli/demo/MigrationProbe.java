package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What ModelMigrationE2ETest reads from the local stack's Elasticsearch and services. */
final class MigrationProbe {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ES = "http://127.0.0.1:9200/";
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode get(String url) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)));
    return response.statusCode() == 404 ? null : JSON.readTree(response.body());
  }

  void awaitIndexed(long count, Duration timeout) throws InterruptedException {
    ModelMigrationE2ETest.await(
        count + " images indexed",
        timeout,
        () -> get("http://127.0.0.1:8080/api/info").path("indexed").asLong() >= count);
  }

  /** The index version the alias names. */
  String serving() {
    return get(ES + "_alias/images").propertyNames().iterator().next();
  }

  /** The migration record into {@code target}; null when there is none. */
  JsonNode migration(String target) {
    JsonNode doc = get(ES + "image-migrations/_doc/" + target);
    return doc == null || !doc.path("found").asBoolean() ? null : doc.path("_source");
  }

  String migrationState(String target) {
    JsonNode migration = migration(target);
    return migration == null ? null : migration.path("state").asString();
  }

  Map<String, Object> awaitMigration(String target, Duration timeout) throws InterruptedException {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    ModelMigrationE2ETest.await(
        "a migration into " + target,
        timeout,
        () -> {
          found.set(migration(target));
          return found.get() != null;
        });
    return Map.of("migration", found.get().toString());
  }

  void awaitState(String target, String state, Duration timeout) throws InterruptedException {
    ModelMigrationE2ETest.await(
        target + " " + state + " (now " + migration(target) + ")",
        timeout,
        () -> state.equals(migrationState(target)));
  }

  long count(String index) {
    send(
        HttpRequest.newBuilder(URI.create(ES + index + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody()));
    return get(ES + index + "/_count").path("count").asLong();
  }

  boolean exists(String index, String id) {
    JsonNode doc = get(ES + index + "/_doc/" + id);
    return doc != null && doc.path("found").asBoolean();
  }

  void deleteImage(String apiKey, String id) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/images/" + id))
                .header("Authorization", "Bearer " + apiKey)
                .DELETE());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }
}
