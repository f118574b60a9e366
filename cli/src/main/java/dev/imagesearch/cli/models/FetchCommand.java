package dev.imagesearch.cli.models;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fetch",
    description = {
      "Download the real pretrained models (OpenAI CLIP ViT-B/32, torchvision",
      "VGG16 IMAGENET1K_V1), verify their SHA-256, and export them, with the",
      "multilingual text encoder of --multilingual, as the TorchScript files and",
      "model.json descriptors the services load. An interrupted download resumes",
      "on the next run. The export needs Debian's python3-torch and",
      "python3-torchvision. Then point IMAGESEARCH_MODELS_VGG16, _CLIP and",
      "_MULTILINGUAL at OUT/vgg16, OUT/clip and OUT/multilingual (or upload the",
      "three folders to S3)."
    })
class FetchCommand implements Callable<Integer> {
  static final String PYTHON = "/usr/bin/python3";

  @Option(
      names = "--out",
      required = true,
      description =
          "Folder to create, with vgg16/, clip/ and multilingual/. It must not exist yet.")
  Path out;

  // Hugging Face publishes no digest to pin, so this one is the user's own copy.
  @Option(
      names = "--multilingual",
      required = true,
      description = {
        "A clone of huggingface.co/sentence-transformers/clip-ViT-B-32-multilingual-v1",
        "(git clone with git-lfs)."
      })
  Path multilingual;

  @Option(
      names = "--mirror",
      description = "Fetch every file from this URL (MIRROR/<file name>) instead of its publisher.")
  URI mirror;

  @Option(
      names = "--cache",
      description =
          "Where downloads are kept and resumed (default: ~/.cache/imagesearch/downloads).")
  Path cache = Path.of(System.getProperty("user.home"), ".cache", "imagesearch", "downloads");

  /** What to download; tests serve stand-ins with other digests. */
  Checkpoints checkpoints = Checkpoints.OFFICIAL;

  /** A connection that sends nothing for this long is broken: the next run resumes it. */
  Duration stall = Duration.ofSeconds(60);

  String python = PYTHON;
  Path exportScript =
      Path.of(System.getProperty("imagesearch.home", "."), "tools/models/export_pretrained.py");

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream err = System.err;
    if (Files.exists(out) && !isEmptyFolder(out)) {
      err.println(out + " already exists. Choose another --out, or delete it first.");
      return 2;
    }
    if (!Files.isDirectory(multilingual.resolve("0_Transformer"))) {
      err.println(
          multilingual
              + " is not a clone of sentence-transformers/clip-ViT-B-32-multilingual-v1"
              + " (it has no 0_Transformer/).");
      return 2;
    }
    Checkpoints source = mirror == null ? checkpoints : checkpoints.from(mirror);
    Map<Checkpoint, Path> files = new HashMap<>();
    try {
      Download download = new Download(cache, stall, System.out);
      for (Checkpoint checkpoint : source.all()) {
        files.put(checkpoint, download.fetch(checkpoint));
      }
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (run(List.of(python, "-c", "import torch, torchvision")) != 0) {
      err.println(
          "The downloads are verified and kept in "
              + cache
              + ". The export needs Debian's PyTorch: apt-get install -y python3-torch"
              + " python3-torchvision, then run this again.");
      return 2;
    }
    return export(
        files.get(source.clip()), files.get(source.clipVocabulary()), files.get(source.vgg16()));
  }

  /**
   * Exports into a hidden sibling folder and renames it to {@code --out} only when every file is
   * written, so a failed export never leaves a model folder the services would try to load.
   */
  private int export(Path clip, Path vocabulary, Path vgg16)
      throws IOException, InterruptedException {
    Path target = out.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    Path work = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
    try {
      int exit =
          run(
              List.of(
                  python,
                  exportScript.toString(),
                  "--out",
                  work.toString(),
                  "--clip-checkpoint",
                  clip.toString(),
                  "--clip-vocab",
                  vocabulary.toString(),
                  "--vgg-checkpoint",
                  vgg16.toString(),
                  "--multilingual",
                  multilingual.toString()));
      if (exit != 0) {
        System.err.println("The export failed (exit " + exit + "); nothing was written to " + out);
        return exit;
      }
      Files.deleteIfExists(target); // an empty folder the user made
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("Models written to " + target + ": vgg16/, clip/ and multilingual/.");
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  private static boolean isEmptyFolder(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      System.err.println("Could not run " + command.getFirst() + ": " + e.getMessage());
      return 127;
    }
  }
}
