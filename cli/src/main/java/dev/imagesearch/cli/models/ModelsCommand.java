package dev.imagesearch.cli.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "models",
    description =
        "Manage the VGG16 and CLIP models the worker and search-api load, and search-api's"
            + " multilingual text encoder.",
    subcommands = ModelsCommand.Fetch.class)
public class ModelsCommand {

  @Command(
      name = "fetch",
      description = {
        "Export the real pretrained models (torchvision VGG16 IMAGENET1K_V1, OpenAI CLIP ViT-B/32) as",
        "the TorchScript files and model.json descriptors the services load. Needs Debian's",
        "python3-torch and python3-torchvision, and internet access for the VGG16 weights.",
        "Download ViT-B-32.pt and bpe_simple_vocab_16e6.txt.gz from openai/CLIP first, and clone",
        "https://huggingface.co/sentence-transformers/clip-ViT-B-32-multilingual-v1.",
        "Then point imagesearch.models.vgg16 / .clip / .multilingual at OUT/vgg16, OUT/clip and",
        "OUT/multilingual (or upload them to S3)."
      })
  static class Fetch implements Callable<Integer> {
    static final String PYTHON = "/usr/bin/python3";

    @Option(
        names = "--out",
        required = true,
        description = "Directory to write vgg16/, clip/ and multilingual/ into.")
    Path out;

    @Option(names = "--clip-checkpoint", required = true, description = "OpenAI's ViT-B-32.pt.")
    Path clipCheckpoint;

    @Option(names = "--clip-vocab", required = true, description = "bpe_simple_vocab_16e6.txt.gz.")
    Path clipVocab;

    @Option(
        names = "--multilingual",
        required = true,
        description = "A clone of sentence-transformers/clip-ViT-B-32-multilingual-v1.")
    Path multilingual;

    @Override
    public Integer call() throws IOException, InterruptedException {
      for (Path file : List.of(clipCheckpoint, clipVocab)) {
        if (!Files.isRegularFile(file)) {
          System.err.println(file + " does not exist. Download it from openai/CLIP first.");
          return 2;
        }
      }
      if (!Files.isDirectory(multilingual.resolve("0_Transformer"))) {
        System.err.println(
            multilingual
                + " is not a clone of sentence-transformers/clip-ViT-B-32-multilingual-v1"
                + " (no 0_Transformer/).");
        return 2;
      }
      if (run(List.of(PYTHON, "-c", "import torch, torchvision")) != 0) {
        System.err.println(
            "The export needs Debian's PyTorch: apt-get install -y python3-torch python3-torchvision");
        return 2;
      }
      Path script =
          Path.of(System.getProperty("imagesearch.home", "."), "tools/models/export_pretrained.py");
      int exit =
          run(
              List.of(
                  PYTHON,
                  script.toString(),
                  "--out",
                  out.toString(),
                  "--clip-checkpoint",
                  clipCheckpoint.toString(),
                  "--clip-vocab",
                  clipVocab.toString(),
                  "--multilingual",
                  multilingual.toString()));
      if (exit == 0) {
        System.out.println(
            "Models written to " + out + "/vgg16, " + out + "/clip and " + out + "/multilingual.");
      }
      return exit;
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
}
