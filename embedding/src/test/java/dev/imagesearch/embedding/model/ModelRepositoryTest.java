package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
  private static final Path STANDIN =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."), "models/standin/vgg16");

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
  void httpModelIsDownloadedOnceIntoTheCache() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/models/vgg16/",
        exchange -> {
          requests.incrementAndGet();
          String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
          Path file = STANDIN.resolve(name);
          byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
          exchange.sendResponseHeaders(
              body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      ModelRepository repo =
          new ModelRepository(new ModelRepository.Settings(tmp, null, "us-east-1"));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/models/vgg16";
      LocalModel first = repo.resolve(url);
      assertThat(first.directory()).startsWith(tmp);
      assertThat(Files.size(first.file("model.pt")))
          .isEqualTo(Files.size(STANDIN.resolve("model.pt")));
      int afterFirst = requests.get();
      assertThat(afterFirst).as("model.json and the three variants").isEqualTo(4);
      LocalModel second = repo.resolve(url);
      assertThat(second.directory()).isEqualTo(first.directory());
      assertThat(requests.get()).as("only model.json is fetched again").isEqualTo(afterFirst + 1);
    } finally {
      server.stop(0);
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
