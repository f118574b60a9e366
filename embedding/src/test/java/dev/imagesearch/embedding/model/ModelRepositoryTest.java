package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.engine.TorchScript;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
  private static final Path STANDIN =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."), "models/standin/vgg16");

  private static final Path STANDINS = STANDIN.getParent();

  private static final Precision.Choice FP32_ON_CPU = Precision.FP32.resolve(false);

  @TempDir Path tmp;

  @Test
  void localDirectoryIsVerifiedAgainstTheDescriptor() throws Exception {
    LocalModel model = ModelRepository.local(STANDIN);
    assertThat(model.descriptor().name()).isEqualTo("vgg16");
    assertThat(model.descriptor().dims()).isEqualTo(512);
    assertThat(model.descriptor().standin()).isTrue();
    assertThat(model.descriptor().files()).containsKey("model.pt");
    assertThat(model.descriptor().imagePreprocessing().resize()).isEqualTo(256);
  }

  @Test
  void tamperedFileFailsTheChecksum() throws Exception {
    Path copy = copyOfStandin();
    Files.write(copy.resolve("model.pt"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ModelRepository.local(copy))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void anFp32CpuFetchesModelPtAndTheFilesThatAreNoVariantButNoOtherVariant() throws Exception {
    try (Server server = new Server(Map.of())) {
      LocalModel model = repository().resolve(server.url(), FP32_ON_CPU);

      assertThat(server.requests).containsExactly("model.json", "model.pt", "tokenizer.json");
      assertThat(model.directory()).startsWith(tmp);
      assertThat(Files.readAllBytes(model.file("tokenizer.json")))
          .isEqualTo(Files.readAllBytes(STANDINS.resolve("multilingual/tokenizer.json")));
      assertThat(model.file("model-bf16.pt")).doesNotExist();
      assertThat(model.file("model-fp16.pt")).doesNotExist();
      assertThat(TorchScript.choose(model, Precision.FP32).file()).isEqualTo("model.pt");

      server.requests.clear();
      assertThat(repository().resolve(server.url(), FP32_ON_CPU).directory())
          .isEqualTo(model.directory());
      assertThat(server.requests)
          .as("the cache is verified, not fetched")
          .containsExactly("model.json");
    }
  }

  @Test
  void anotherPrecisionLaterFetchesOnlyItsVariant() throws Exception {
    try (Server server = new Server(Map.of())) {
      repository().resolve(server.url(), FP32_ON_CPU);
      server.requests.clear();

      LocalModel bf16 = repository().resolve(server.url(), Precision.BF16.resolve(false));

      assertThat(server.requests).containsExactly("model.json", "model-bf16.pt");
      assertThat(TorchScript.choose(bf16, Precision.BF16).file()).isEqualTo("model-bf16.pt");
      assertThat(Sha256.of(bf16.file("model-bf16.pt")))
          .isEqualTo(bf16.descriptor().files().get("model-bf16.pt"));
      assertThat(bf16.file("model.pt")).exists();
      assertThat(bf16.file("model-fp16.pt")).doesNotExist();
    }
  }

  @Test
  void aCorruptedVariantIsRefusedAndNotLeftInTheCache() throws Exception {
    try (Server server = new Server(Map.of("model-bf16.pt", new byte[] {1, 2, 3}))) {
      assertThatThrownBy(() -> repository().resolve(server.url(), Precision.BF16.resolve(false)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("sha256 mismatch for " + server.url() + "/model-bf16.pt")
          .hasMessageContaining("not cached");

      Path cached = tmp.resolve("multilingual");
      try (Stream<Path> files = Files.walk(cached)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .doesNotContain("model-bf16.pt")
            .noneMatch(name -> name.endsWith(".tmp"));
      }
    }
  }

  @Test
  void aCachedFileThatNoLongerMatchesIsFetchedAgain() throws Exception {
    try (Server server = new Server(Map.of())) {
      LocalModel model = repository().resolve(server.url(), FP32_ON_CPU);
      Files.write(model.file("model.pt"), new byte[] {1, 2, 3});
      server.requests.clear();

      repository().resolve(server.url(), FP32_ON_CPU);

      assertThat(server.requests).containsExactly("model.json", "model.pt");
      assertThat(Sha256.of(model.file("model.pt")))
          .isEqualTo(model.descriptor().files().get("model.pt"));
    }
  }

  @Test
  void theServicesLoadTheVariantThatTheDownloadFetched() throws Exception {
    System.setProperty("imagesearch.models.cache", tmp.toString());
    try (Server server = new Server(Map.of());
        EmbeddingModels models =
            EmbeddingModels.load(server.url("vgg16"), server.url("clip"), Precision.BF16)) {
      assertThat(models.vgg16().variant().file()).isEqualTo("model-bf16.pt");
      assertThat(models.clip().variant().file()).isEqualTo("model-bf16.pt");
      assertThat(server.requests).doesNotContain("model.pt", "model-fp16.pt");
    } finally {
      System.clearProperty("imagesearch.models.cache");
    }
  }

  private ModelRepository repository() {
    return new ModelRepository(new ModelRepository.Settings(tmp, null, "us-east-1"));
  }

  /** Serves a model directory over HTTP, {@code replaced} files with other bytes; logs requests. */
  private static final class Server implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    Server(Map<String, byte[]> replaced) throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext(
          "/models/",
          exchange -> {
            Path path = Path.of(exchange.getRequestURI().getPath());
            String name = path.getFileName().toString();
            requests.add(name);
            Path file = STANDINS.resolve(path.getParent().getFileName()).resolve(name);
            byte[] body =
                replaced.containsKey(name)
                    ? replaced.get(name)
                    : Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(
                body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      http.start();
    }

    /** The URL of a stand-in; the multilingual one has a file that is no variant. */
    String url(String model) {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/models/" + model;
    }

    String url() {
      return url("multilingual");
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  private Path copyOfStandin() throws IOException {
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy);
    try (var files = Files.list(STANDIN)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }
}
