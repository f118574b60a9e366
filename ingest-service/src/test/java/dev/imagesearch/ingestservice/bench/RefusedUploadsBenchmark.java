package dev.imagesearch.ingestservice.bench;

import dev.imagesearch.ingestservice.IngestServiceApplication;
import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.testsupport.RealServers;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Direct memory of the ingest-service before and after a stream of uploads it refuses before
 * reading their bodies (no API key: 401), and of uploads whose client goes away mid-body. The
 * service runs in this JVM on real S3, Kafka and Elasticsearch. Not a test: run it with
 * tools/bench/refused-uploads-bench.sh [REFUSED [ABORTED [BODY_KB]]].
 */
public final class RefusedUploadsBenchmark {
  private static final int CONCURRENCY = 8;

  public static void main(String[] args) throws Exception {
    int refused = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int aborted = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int bodyKb = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    try (ConfigurableApplicationContext service = start()) {
      int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
      byte[] body = multipart(bodyKb * 1024);
      refuse(port, body, 1_000);
      Memory start = Memory.now();
      Map<String, Integer> answers = refuse(port, body, refused);
      Memory afterRefused = Memory.now();
      long notSent = abort(port, body, aborted);
      Memory afterAborted = Memory.now();
      Map<String, Integer> again = refuse(port, body, refused);
      Memory afterAgain = Memory.now();
      System.out.printf(
          "Uploads of %d KB after 1,000 warm-up uploads: %d refused (answers %s), %d aborted"
              + " mid-body (%d could not send), %d refused again (answers %s)%n",
          bodyKb, refused, answers, aborted, notSent, refused, again);
      System.out.printf(
          "| direct memory in use, after a full GC | start | after %,d refused | after %,d"
              + " aborted | after %,d more refused |%n|---|---|---|---|---|%n",
          refused, aborted, refused);
      System.out.printf(
          "| JVM direct buffers (BufferPoolMXBean \"direct\") | %s | %s | %s | %s |%n",
          mb(start.jvmDirect()),
          mb(afterRefused.jvmDirect()),
          mb(afterAborted.jvmDirect()),
          mb(afterAgain.jvmDirect()));
      System.out.printf(
          "| Netty's allocator (reactor-netty's buffers) | %s | %s | %s | %s |%n",
          mb(start.nettyDirect()),
          mb(afterRefused.nettyDirect()),
          mb(afterAborted.nettyDirect()),
          mb(afterAgain.nettyDirect()));
    } finally {
      RealServers.stopAll();
    }
  }

  /** Command-line arguments: they win over application.yml, as they do for the real service. */
  private static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(IngestServiceApplication.class)
        .run(
            "--server.port=0",
            "--logging.level.root=warn",
            "--imagesearch.s3.endpoint=" + RealServers.s3().endpoint(),
            "--imagesearch.s3.region=" + S3Store.REGION,
            "--imagesearch.s3.access-key=" + S3Store.ACCESS_KEY,
            "--imagesearch.s3.secret-key=" + S3Store.SECRET_KEY,
            "--imagesearch.s3.bucket=refused-bench",
            "--spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
            "--imagesearch.elasticsearch.url=" + RealServers.elasticsearch().url());
  }

  /** Uploads without a key; each is answered 401 before its body is read. */
  private static Map<String, Integer> refuse(int port, byte[] body, int count) throws Exception {
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/images"))
            .header("Content-Type", "multipart/form-data; boundary=bench")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try (HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
      for (int i = 0; i < count; i++) {
        pool.submit(
            () -> {
              String answer;
              try {
                answer =
                    Integer.toString(
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
              } catch (IOException | InterruptedException e) {
                answer = e.getClass().getSimpleName();
              }
              answers.merge(answer, 1, Integer::sum);
            });
      }
    }
    return answers;
  }

  /** Uploads with a valid-looking start whose client closes the connection halfway. */
  private static long abort(int port, byte[] body, int count) throws Exception {
    AtomicLong failures = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
      for (int i = 0; i < count; i++) {
        pool.submit(
            () -> {
              try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(
                    ("POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\n"
                            + "Content-Type: multipart/form-data; boundary=bench\r\n"
                            + "Content-Length: "
                            + body.length
                            + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
              } catch (IOException e) {
                failures.incrementAndGet();
              }
            });
      }
    }
    return failures.get();
  }

  private static byte[] multipart(int size) {
    byte[] head =
        ("--bench\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\r\n--bench--\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + size + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, head.length + size, tail.length);
    return body;
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }

  record Memory(long jvmDirect, long nettyDirect) {
    /** After a full GC, so that only memory still held counts. */
    static Memory now() throws InterruptedException {
      System.gc();
      Thread.sleep(1000);
      long jvm =
          ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
              .filter(pool -> pool.getName().equals("direct"))
              .mapToLong(BufferPoolMXBean::getMemoryUsed)
              .sum();
      long netty =
          ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
              ? metrics.metric().usedDirectMemory()
              : -1;
      return new Memory(jvm, netty);
    }
  }
}
