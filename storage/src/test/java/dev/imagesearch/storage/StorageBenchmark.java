package dev.imagesearch.storage;

import dev.imagesearch.localstack.S3Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * How long the reconciler's walk takes over a bucket where every original is published (the usual
 * case): a fresh S3Proxy is filled with N originals and their markers, then walked three times.
 * Then how long the largest default original (25 MB) takes to write and read, against the default
 * attempt timeout. Run by {@code tools/bench/storage-bench.sh}.
 *
 * <p>Arguments: number of originals (default 10,000), of which that many are left unpublished
 * (default 0).
 */
public final class StorageBenchmark {
  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int unpublished = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path dir = Files.createTempDirectory("scan-bench-");
    try (S3Store server =
        S3Store.start(new S3Store.Settings(dir, dir.resolve("s3proxy.log"), 0, "512m", false))) {
      var properties =
          new S3Properties(
              java.net.URI.create(server.endpoint()),
              S3Store.REGION,
              "scan-bench",
              S3Store.ACCESS_KEY,
              S3Store.SECRET_KEY,
              true,
              true,
              Duration.ofSeconds(30),
              Duration.ofSeconds(60));
      var configuration = new StorageConfiguration();
      try (S3AsyncClient s3 = configuration.s3AsyncClient(properties)) {
        ImageStore store = configuration.imageStore(s3, properties);
        long fill = System.nanoTime();
        Flux.range(0, images)
            .flatMap(
                i -> {
                  byte[] bytes = ("scan bench " + i).getBytes(StandardCharsets.UTF_8);
                  String id = ImageStoreTest.sha256(bytes);
                  var put = store.putOriginal(id, bytes, "image/png", Map.of("width", "1"));
                  return i < unpublished ? put : put.then(store.markPublished(id));
                },
                16)
            .blockLast();
        System.out.printf(
            "filled %,d originals (%,d unpublished) in %.1f s%n",
            images, unpublished, (System.nanoTime() - fill) / 1e9);
        for (int run = 1; run <= 3; run++) {
          long start = System.nanoTime();
          long found = store.unpublishedOriginals(Instant.now().plusSeconds(60)).count().block();
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "walk %d: %,d unpublished of %,d in %.2f s (%,.0f originals/s)%n",
              run, found, images, seconds, images / seconds);
        }
        byte[] large = new byte[25 * 1024 * 1024];
        new java.util.Random(1).nextBytes(large);
        String id = ImageStoreTest.sha256(large);
        for (int run = 1; run <= 3; run++) {
          long start = System.nanoTime();
          store.putOriginal(id, large, "image/jpeg", Map.of()).block();
          long put = System.nanoTime();
          store.getOriginal(id).block();
          long get = System.nanoTime();
          System.out.printf(
              "25 MB original %d: write %.0f ms, read %.0f ms%n",
              run, (put - start) / 1e6, (get - put) / 1e6);
        }
      }
    }
  }
}
