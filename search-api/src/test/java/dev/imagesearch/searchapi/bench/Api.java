package dev.imagesearch.searchapi.bench;

import dev.imagesearch.searchapi.search.ImageHit;
import dev.imagesearch.searchapi.search.ResultPage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running search-api, as a browser or script would call it. */
final class Api {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BOUNDARY = "benchBoundary7d1f";

  private final HttpClient http = HttpClient.newBuilder().build();
  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  List<String> text(String q, String mode, int k) throws Exception {
    return ids(get("/api/search?k=" + k + "&mode=" + mode + "&q=" + encode(q)));
  }

  List<String> similar(String id, String model, String metric, int k) throws Exception {
    return ids(
        get("/api/images/" + id + "/similar?k=" + k + "&model=" + model + "&metric=" + metric));
  }

  List<String> image(byte[] jpeg, String model, int k) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, "model", model);
    field(body, "k", Integer.toString(k));
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"image\";"
                + " filename=\"q.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(jpeg);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/search"))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return ids(send(request));
  }

  private static void field(ByteArrayOutputStream body, String name, String value) {
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private String send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static List<String> ids(String json) {
    return JSON.readValue(json, ResultPage.class).hits().stream().map(ImageHit::id).toList();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
