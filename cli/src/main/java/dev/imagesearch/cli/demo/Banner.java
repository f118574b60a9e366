package dev.imagesearch.cli.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** The last lines of the demo: where to open the search page, and what its scores mean. */
final class Banner {
  private Banner() {}

  static void print(PrintWriter out, URI searchApi) {
    out.println();
    out.println("  Open " + searchApi + "/ to search them by text or by image.");
    if (standin(searchApi)) {
      out.println("  Stand-in models are in use (random weights): results are not semantic.");
    }
    out.println();
    out.println("  ./imagesearch status | logs [component] | down");
  }

  /** True when search-api says its models are stand-ins; false when it cannot tell. */
  static boolean standin(URI searchApi) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(searchApi.resolve("/api/info"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && JsonMapper.builder()
              .build()
              .readTree(response.body())
              .path("standinModels")
              .asBoolean();
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
