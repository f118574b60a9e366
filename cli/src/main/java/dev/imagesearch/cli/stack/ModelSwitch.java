package dev.imagesearch.cli.stack;

import dev.imagesearch.cli.models.ModelRoot;
import dev.imagesearch.localstack.ManagedProcess;
import dev.imagesearch.localstack.ServerStartException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a running local stack on other models without a search outage: the running search-api loads
 * them beside the ones it serves with (POST /actuator/models on its management port), then the
 * worker restarts on them and builds the next index version; search-api moves to it when it is
 * complete (docs/decisions/0027-model-migration.md). Nothing changes when a step is refused.
 */
final class ModelSwitch {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A step was refused; the stack runs as before. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private final Stack stack;

  ModelSwitch(Stack stack) {
    this.stack = stack;
  }

  /** Every file of the models in {@code dir} checked: the first step, before anything changes. */
  static ModelRoot verify(Path dir) throws Refused {
    try {
      return ModelRoot.verify(dir);
    } catch (ModelRoot.Refused e) {
      throw new Refused(e.getMessage());
    }
  }

  /**
   * Records {@code next} and moves the running services onto its configured models, {@code models}
   * ({@link #verify}); a stopped stack starts on them at the next {@code up}.
   */
  void apply(StackModels current, StackModels next, ModelRoot models)
      throws Refused, InterruptedException {
    if (stack.pidFile(Component.SEARCH_API).running().isPresent()) {
      loadIntoSearchApi(models);
    }
    next.write(stack);
    Optional<ProcessHandle> worker = stack.pidFile(Component.EMBED_WORKER).running();
    if (worker.isEmpty()) {
      return;
    }
    try {
      restartWorker(worker.get());
    } catch (ServerStartException e) {
      current.write(stack);
      restartWorker(null);
      throw new Refused(
          "The worker did not start on "
              + models.root()
              + " ("
              + e.getMessage()
              + "); it runs on "
              + current.configured()
              + " again. Its log: "
              + stack.log(Component.EMBED_WORKER));
    }
  }

  private void loadIntoSearchApi(ModelRoot models) throws Refused, InterruptedException {
    String body =
        JSON.writeValueAsString(
            Map.of("vgg16", models.vgg16Dir().toString(), "clip", models.clipDir().toString()));
    URI uri = URI.create(Component.SEARCH_API.managementUrl() + "/actuator/models");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofMinutes(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new Refused(
            "search-api could not load the models ("
                + response.statusCode()
                + "): "
                + JSON.readTree(response.body()).path("detail").asString(response.body()));
      }
    } catch (IOException e) {
      throw new Refused("search-api is not reachable at " + uri + ": " + e.getMessage());
    }
  }

  /**
   * Stops the worker (a graceful stop: it finishes its batch) and starts it on the recorded models.
   */
  private void restartWorker(ProcessHandle running) {
    if (running != null) {
      ManagedProcess.stop(running, Duration.ofSeconds(30));
    }
    PidFile pidFile = stack.pidFile(Component.EMBED_WORKER);
    pidFile.delete();
    // The worker serves only its actuator, on loopback whatever --bind the stack was started with.
    ManagedProcess process =
        Component.EMBED_WORKER.start(stack, LocalWriteKey.ensure(stack), Bind.LOOPBACK);
    pidFile.write(process.handle());
  }
}
