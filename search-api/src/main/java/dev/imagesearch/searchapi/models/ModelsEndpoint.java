package dev.imagesearch.searchapi.models;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.index.ModelVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/models} on the management port: the loaded model sets, and {@code POST} with
 * {@code {"vgg16": DIR, "clip": DIR}} to load one more while the service runs, so that one host can
 * move to other models without restarting its only search-api (README "Switching models"). The
 * loading is the start-up's; the set that serves is never replaced, and queries use the new one
 * only once the index made with it serves (decision 0027).
 *
 * <p>Only absolute local directories: the management port has no authentication of its own, so it
 * does not make the service download from addresses a caller names.
 */
@Component
@WebEndpoint(id = "models")
class ModelsEndpoint {
  private final ModelSets sets;

  ModelsEndpoint(ModelSets sets) {
    this.sets = sets;
  }

  record Loaded(ModelVersions configured, List<ModelVersions> loaded) {}

  @ReadOperation
  Loaded loaded() {
    return new Loaded(ModelSets.versions(sets.configured()), sets.loaded());
  }

  /** 200 with the set's versions; 400 for a directory that holds no usable model; 409 when full. */
  @WriteOperation
  WebEndpointResponse<Map<String, Object>> load(String vgg16, String clip) {
    String refused = check("vgg16", vgg16);
    refused = refused == null ? check("clip", clip) : refused;
    if (refused != null) {
      return answer(WebEndpointResponse.STATUS_BAD_REQUEST, refused);
    }
    try {
      ModelVersions versions = sets.load(vgg16, clip);
      EmbeddingModels loaded = sets.find(versions).orElseThrow();
      return new WebEndpointResponse<>(
          Map.of("loaded", versions, "standin", loaded.standin()), WebEndpointResponse.STATUS_OK);
    } catch (ModelSets.Full e) {
      return answer(409, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return answer(
          WebEndpointResponse.STATUS_BAD_REQUEST,
          "Could not load the models from " + vgg16 + " and " + clip + ": " + e.getMessage());
    }
  }

  private static String check(String name, String directory) {
    if (directory.isBlank() || !Path.of(directory).isAbsolute()) {
      return name + " must be the absolute path of a model directory; got '" + directory + "'.";
    }
    if (!Files.isDirectory(Path.of(directory))) {
      return name + ": no directory " + directory + " on the search-api's host.";
    }
    return null;
  }

  private static WebEndpointResponse<Map<String, Object>> answer(int status, String detail) {
    return new WebEndpointResponse<>(Map.of("detail", detail), status);
  }
}
