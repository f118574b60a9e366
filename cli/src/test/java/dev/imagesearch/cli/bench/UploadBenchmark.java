package dev.imagesearch.cli.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Upload throughput and latency of a running ingest-service (./imagesearch up), with distinct ~100
 * KB JPEGs so that every upload is stored and announced. Not a test: run it with
 * tools/bench/upload-bench.sh.
 *
 * <p>Arguments: url apiKeyFile count concurrency... The service is warmed up first with {@code
 * -Dwarmup} uploads (default 2,000) at the highest concurrency: until the JIT has compiled the
 * upload path, the service spends about a third of its CPU compiling, which is not what a running
 * service does.
 */
public final class UploadBenchmark {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = Files.readAllLines(Path.of(args[1])).getFirst().strip();
    int count = Integer.parseInt(args[2]);
    long seed = System.nanoTime();
    int warmup = Integer.getInteger("warmup", 2000);
    int highest =
        Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).max().orElseThrow();
    if (warmup > 0) {
      Result r = run(url, key, images(warmup, seed++), highest);
      System.out.printf(
          "warm-up: %d uploads at concurrency %d, %.1f uploads/s%n",
          warmup, highest, r.perSecond());
    }
    System.out.printf(
        "%-12s %8s %10s %10s %10s %8s%n",
        "concurrency", "uploads", "uploads/s", "p50 ms", "p99 ms", "MB/s");
    for (String c : Arrays.copyOfRange(args, 3, args.length)) {
      int concurrency = Integer.parseInt(c);
      Result r = run(url, key, images(count, seed++), concurrency);
      System.out.printf(
          "%-12d %8d %10.1f %10.1f %10.1f %8.1f%n",
          concurrency,
          r.latenciesMs.length,
          r.perSecond(),
          r.percentile(50),
          r.percentile(99),
          r.megabytesPerSecond());
    }
  }

  record Result(double[] latenciesMs, double seconds, long bytes) {
    double perSecond() {
      return latenciesMs.length / seconds;
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }

    double percentile(int p) {
      double[] sorted = latenciesMs.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
    }
  }

  private static Result run(String url, String key, List<byte[]> images, int concurrency)
      throws Exception {
    try (CloseableHttpClient http =
            HttpClients.custom()
                .setConnectionManager(
                    PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency)
                        .setMaxConnPerRoute(concurrency)
                        .build())
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      long start = System.nanoTime();
      List<Future<Double>> futures = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        byte[] image = images.get(i);
        String name = "bench-" + i + ".jpg";
        futures.add(pool.submit(() -> upload(http, url, key, name, image)));
      }
      double[] latencies = new double[futures.size()];
      for (int i = 0; i < latencies.length; i++) {
        latencies[i] = futures.get(i).get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(latencies, seconds, images.stream().mapToLong(b -> b.length).sum());
    }
  }

  private static double upload(
      CloseableHttpClient http, String url, String key, String name, byte[] image)
      throws IOException {
    HttpPost post = new HttpPost(url + "/api/images");
    post.setHeader("Authorization", "Bearer " + key);
    post.setEntity(
        MultipartEntityBuilder.create()
            .addBinaryBody("file", image, ContentType.IMAGE_JPEG, name)
            .build());
    long start = System.nanoTime();
    String body =
        http.execute(
            post,
            response -> {
              if (response.getCode() != 202) {
                throw new IOException(
                    "HTTP "
                        + response.getCode()
                        + ": "
                        + EntityUtils.toString(response.getEntity()));
              }
              return EntityUtils.toString(response.getEntity());
            });
    if (!body.contains("\"accepted\"")) {
      throw new IOException("not accepted: " + body);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Noise photos of about 100 KB, each one different. */
  static List<byte[]> images(int count, long seed) throws IOException {
    Random random = new Random(seed);
    List<byte[]> images = new ArrayList<>(count);
    BufferedImage image = new BufferedImage(410, 410, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < count; i++) {
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          image.setRGB(x, y, random.nextInt());
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpeg", out);
      images.add(out.toByteArray());
    }
    return images;
  }
}
