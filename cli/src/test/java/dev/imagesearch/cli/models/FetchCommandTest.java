package dev.imagesearch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code models fetch} against a local mirror: no test touches the network. */
class FetchCommandTest {
  private static final Path REPO =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void resumesAStalledDownloadWithARangeRequestAndVerifiesTheWhole() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Checkpoints files = write(served, 3_000_000);
    try (Mirror mirror = new Mirror(served)) {
      mirror.breakAfter("ViT-B-32.pt", 1_000_000);

      int first = fetch(files, mirror, "/bin/false", emptyClone());
      assertThat(first).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("ViT-B-32.pt: the download broke off after 1.0 MB", "resumes");
      assertThat(Files.size(cache().resolve("ViT-B-32.pt.part"))).isEqualTo(1_000_000);

      int second = fetch(files, mirror, "/bin/false", emptyClone());
      assertThat(mirror.ranges).containsExactly("ViT-B-32.pt bytes=1000000-");
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("ViT-B-32.pt: resuming after 1.0 MB", "ViT-B-32.pt: downloaded and verified");
      assertThat(cache().resolve("ViT-B-32.pt"))
          .hasSameBinaryContentAs(served.resolve("ViT-B-32.pt"));
      assertThat(cache().resolve("ViT-B-32.pt.part")).doesNotExist();
      // The export's Python is missing here: the downloads stay, nothing else is written.
      assertThat(second).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("apt-get install -y python3-torch");
      assertThat(dir.resolve("models")).doesNotExist();
    }
  }

  @Test
  void aFileWithTheWrongChecksumIsDeletedAndNoModelFolderIsWritten() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Checkpoints files = write(served, 100_000);
    Files.write(served.resolve("vgg16-397923af.pth"), new byte[] {1, 2, 3}); // not the file
    try (Mirror mirror = new Mirror(served)) {
      int exit = fetch(files, mirror, "/bin/false", emptyClone());

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("vgg16-397923af.pth: SHA-256 is ", "is not the published file", "deleted");
      assertThat(cache().resolve("vgg16-397923af.pth")).doesNotExist();
      assertThat(cache().resolve("vgg16-397923af.pth.part")).doesNotExist();
      assertThat(dir.resolve("models")).doesNotExist();
    }
  }

  @Test
  void refusesAnOutFolderThatAlreadyHoldsFiles() throws Exception {
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("models/keep.txt"), "mine");

    int exit =
        run(
            new FetchCommand(),
            "--out",
            dir.resolve("models").toString(),
            "--multilingual",
            emptyClone().toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists");
    assertThat(dir.resolve("models/keep.txt")).hasContent("mine");
  }

  @Test
  void refusesAMultilingualFolderThatIsNotAClone() {
    int exit =
        run(
            new FetchCommand(),
            "--out",
            dir.resolve("models").toString(),
            "--multilingual",
            dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("clip-ViT-B-32-multilingual-v1", "0_Transformer");
    assertThat(dir.resolve("models")).doesNotExist();
  }

  @Test
  void theOfficialFilesAreTheOnesTheirPublishersNameByDigest() {
    Checkpoints official = Checkpoints.OFFICIAL;
    for (Checkpoint file : official.all()) {
      assertThat(file.url().toString()).startsWith("https://").endsWith("/" + file.name());
    }
    assertThat(official.clip().url().getPath()).contains("/" + official.clip().sha256() + "/");
    assertThat(official.clip().sha256()).hasSize(64);
    assertThat(official.clipVocabulary().sha256()).hasSize(64);
    assertThat(official.vgg16().name()).isEqualTo("vgg16-" + official.vgg16().sha256() + ".pth");
  }

  /**
   * The whole command, export included, on random weights in the official files' layout (a
   * TorchScript archive in fp16 for CLIP, a state_dict for VGG16). Needs Debian's PyTorch.
   */
  @Test
  void exportsStandInsInTheOfficialLayoutIntoVerifiedModelFolders() throws Exception {
    assumeTrue(
        new ProcessBuilder(FetchCommand.PYTHON, "-c", "import torch, torchvision").start().waitFor()
            == 0,
        "Debian's python3-torch and python3-torchvision are not installed");
    Path served = Files.createDirectories(dir.resolve("served"));
    Process generate =
        new ProcessBuilder(
                FetchCommand.PYTHON,
                REPO.resolve("tools/models/standin_checkpoints.py").toString(),
                "--out",
                served.toString())
            .inheritIO()
            .start();
    assertThat(generate.waitFor()).isZero();
    gzip(served.resolve("bpe_simple_vocab_16e6.txt.gz"), "#version: 0.2\na b\n");
    Checkpoints files = digestsOf(served);

    try (Mirror mirror = new Mirror(served)) {
      int exit =
          fetch(
              files, mirror, FetchCommand.PYTHON, served.resolve("clip-ViT-B-32-multilingual-v1"));

      assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
    for (String model : new String[] {"vgg16", "clip", "multilingual"}) {
      Path folder = dir.resolve("models").resolve(model);
      JsonNode descriptor =
          JsonMapper.builder().build().readTree(Files.readString(folder.resolve("model.json")));
      assertThat(descriptor.path("standin").asBoolean(true)).isFalse();
      assertThat(descriptor.path("files").size()).isPositive();
      for (Map.Entry<String, JsonNode> file : descriptor.path("files").properties()) {
        assertThat(Download.sha256(folder.resolve(file.getKey())))
            .as(model + "/" + file.getKey())
            .isEqualTo(file.getValue().asString());
      }
    }
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no half-written folder beside the models")
          .containsExactlyInAnyOrder("served", "models", "cache");
    }
  }

  private int fetch(Checkpoints files, Mirror mirror, String python, Path multilingual) {
    FetchCommand command = new FetchCommand();
    command.checkpoints = files;
    command.python = python;
    command.stall = Duration.ofSeconds(2);
    command.exportScript = REPO.resolve("tools/models/export_pretrained.py");
    return run(
        command,
        "--out",
        dir.resolve("models").toString(),
        "--mirror",
        mirror.uri().toString(),
        "--cache",
        cache().toString(),
        "--multilingual",
        multilingual.toString());
  }

  /** An empty stand-in for the Hugging Face clone, where the export does not run. */
  private Path emptyClone() throws IOException {
    return Files.createDirectories(dir.resolve("hf/0_Transformer")).getParent();
  }

  private int run(FetchCommand command, String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(command).execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private Path cache() {
    return dir.resolve("cache");
  }

  /** Random files under the official names; the catalogue holds their digests. */
  private static Checkpoints write(Path folder, int size) throws IOException {
    Random random = new Random(size);
    for (Checkpoint file : Checkpoints.OFFICIAL.all()) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      Files.write(folder.resolve(file.name()), bytes);
    }
    return digestsOf(folder);
  }

  private static Checkpoints digestsOf(Path folder) throws IOException {
    Checkpoints official = Checkpoints.OFFICIAL;
    return new Checkpoints(
        withDigest(official.clip(), folder),
        withDigest(official.clipVocabulary(), folder),
        withDigest(official.vgg16(), folder));
  }

  private static Checkpoint withDigest(Checkpoint file, Path folder) throws IOException {
    return new Checkpoint(file.name(), file.url(), Download.sha256(folder.resolve(file.name())));
  }

  private static void gzip(Path file, String text) throws IOException {
    try (var gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
