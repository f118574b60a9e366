package dev.imagesearch.searchapi.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.searchapi.SearchApiApplication;
import dev.imagesearch.searchapi.models.ModelSets;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dedicated Elasticsearch (test-support, temporary directory) and the search-api in this JVM on a
 * free port, with the given models; then the corpus loaded and merged to one segment.
 */
final class BenchStack implements AutoCloseable {
  private final Path modelsDir;
  ConfigurableApplicationContext app;
  EmbeddingModels models;
  int port;

  BenchStack(Path modelsDir, String... settings) {
    this.modelsDir = modelsDir;
    start(settings);
  }

  /** Stops the service and starts it again on the same index with extra settings. */
  void restart(String... settings) {
    app.close();
    start(settings);
  }

  private void start(String... settings) {
    String es = RealServers.elasticsearch().url();
    List<String> args =
        new ArrayList<>(
            List.of(
                // Arguments, not default properties: they must win over application.yml.
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--imagesearch.elasticsearch.url=" + es,
                "--imagesearch.s3.endpoint=http://127.0.0.1:9",
                "--imagesearch.models.vgg16=" + modelsDir.resolve("vgg16"),
                "--imagesearch.models.clip=" + modelsDir.resolve("clip"),
                "--imagesearch.inference.queue=64"));
    for (String setting : settings) {
      args.add("--" + setting);
    }
    app = new SpringApplicationBuilder(SearchApiApplication.class).run(args.toArray(String[]::new));
    models = app.getBean(EmbeddingModels.class);
    port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  /** Real vectors of the models for {@code count} generated 640x480 images. */
  List<List<float[]>> baseVectors(int count) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    List<float[]> vgg = new ArrayList<>();
    List<float[]> clip = new ArrayList<>();
    for (int from = 0; from < count; from += 8) {
      List<RgbImage> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 8); i++) {
        batch.add(decoder.decode(TestImages.jpeg(500_000 + i, 640, 480)));
      }
      vgg.addAll(models.vgg16().embedImages(batch));
      clip.addAll(models.clip().embedImages(batch));
    }
    return List.of(vgg, clip);
  }

  /** Returns seconds spent indexing, and seconds spent merging to one segment. */
  double[] load(BenchCorpus corpus) throws Exception {
    app.getBean(SearchIndex.class)
        .ensureExists(ModelSets.versions(app.getBean(EmbeddingModels.class)));
    ElasticsearchAsyncClient client = app.getBean(ElasticsearchAsyncClient.class);
    client
        .indices()
        .putSettings(
            p -> p.index(ImageIndex.ALIAS).settings(s -> s.refreshInterval(t -> t.time("-1"))))
        .join();
    long t0 = System.nanoTime();
    corpus.load(client, models.vgg16().descriptor().id(), models.clip().descriptor().id(), 500);
    client.indices().refresh(r -> r.index(ImageIndex.ALIAS)).join();
    long t1 = System.nanoTime();
    client
        .indices()
        .forcemerge(f -> f.index(ImageIndex.ALIAS).maxNumSegments(1L).waitForCompletion(false))
        .join();
    while (segments(client) > 1) {
      Thread.sleep(5_000);
    }
    client.indices().refresh(r -> r.index(ImageIndex.ALIAS)).join();
    long t2 = System.nanoTime();
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
  }

  private static long segments(ElasticsearchAsyncClient client) {
    var stats =
        client
            .indices()
            .stats(
                s ->
                    s.index(ImageIndex.ALIAS)
                        .metric(co.elastic.clients.elasticsearch._types.CommonStatsFlag.Segments))
            .join();
    long count = stats.all().primaries().segments().count();
    System.err.println("segments: " + count);
    return count;
  }

  @Override
  public void close() {
    app.close();
    RealServers.stopAll();
  }
}
