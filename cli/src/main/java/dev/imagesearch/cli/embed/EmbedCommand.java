package dev.imagesearch.cli.embed;

import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the vector of one image or text as one JSON object; needs no running stack. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Embed one image or text and print one JSON object: model, version, vector",
      "(and token ids for text). Runs locally, without Kafka, Elasticsearch or S3."
    })
public class EmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description = "vgg16 or clip (text needs clip)",
      paramLabel = "MODEL")
  String model;

  @ArgGroup(multiplicity = "1")
  Input input;

  static class Input {
    @Option(names = "--image", description = "image file", paramLabel = "FILE")
    Path image;

    @Option(names = "--text", description = "text (CLIP only)", paramLabel = "TEXT")
    String text;
  }

  @Option(
      names = "--models",
      description =
          "model root holding vgg16/ and clip/: a directory, s3://bucket/prefix or https://"
              + " (default: $IMAGESEARCH_MODELS, else models/standin)",
      paramLabel = "DIR")
  String models;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!model.equals("vgg16") && !model.equals("clip")) {
      err.println("--model must be vgg16 or clip, not " + model);
      return 2;
    }
    if (input.text != null && model.equals("vgg16")) {
      err.println("VGG16 embeds images only; use --model clip for text.");
      return 2;
    }
    String root = models != null ? models : System.getenv().getOrDefault("IMAGESEARCH_MODELS", "");
    if (root.isBlank()) {
      // The checkout's stand-ins, wherever the command is run from.
      root =
          java.nio.file.Path.of(System.getProperty("imagesearch.home", "."), "models/standin")
              .toString();
    }
    String location = root.endsWith("/") ? root + model : root + "/" + model;
    // fp32, the reference vectors; a remote model downloads only that variant.
    LocalModel local =
        ModelRepository.fromSystemProperties()
            .resolve(location, TorchScript.choice(Precision.FP32));
    ModelDescriptor d = local.descriptor();
    if (d.standin()) {
      err.println(
          "WARN: " + d.id() + " is a stand-in with random weights: its vectors are not semantic.");
    }
    RgbImage image = null;
    if (input.image != null) {
      try {
        image = new ImageDecoder().decode(input.image);
      } catch (ImageDecodeException e) {
        err.println("Cannot use " + input.image + ": " + e.getMessage() + " [" + e.reason() + "]");
        return 1;
      }
    }
    StringBuilder json = new StringBuilder("{");
    field(json, "model", d.name()).append(',');
    field(json, "version", d.version()).append(',');
    json.append("\"standin\":").append(d.standin()).append(',');
    float[] vector;
    if (model.equals("vgg16")) {
      try (Vgg16Model vgg = Vgg16Model.load(local, Precision.FP32)) {
        vector = vgg.embedImage(image);
      }
      field(json, "image", input.image.toString()).append(',');
    } else {
      try (ClipModel clip = ClipModel.load(local, Precision.FP32)) {
        if (image != null) {
          vector = clip.embedImage(image);
          field(json, "image", input.image.toString()).append(',');
        } else {
          long[] ids = clip.tokenize(input.text);
          vector = clip.embedText(input.text);
          field(json, "text", input.text).append(',');
          json.append("\"tokenIds\":[");
          for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append(ids[i]);
          }
          json.append("],");
        }
      }
    }
    json.append("\"dims\":").append(vector.length).append(",\"vector\":[");
    for (int i = 0; i < vector.length; i++) {
      json.append(i == 0 ? "" : ",").append(vector[i]);
    }
    json.append("]}");
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
