package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imagesearch.embedding.engine.TorchScript;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {
  private static final Path STANDIN =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."), "models/standin/vgg16");

  @TempDir Path tmp;

  @Test
  void standinListsAnFp32AndBf16AndFp16ChannelsLastVariants() throws Exception {
    ModelDescriptor d = ModelRepository.local(STANDIN).descriptor();
    assertThat(d.variant(Precision.FP32).orElseThrow().file()).isEqualTo("model.pt");
    ModelDescriptor.Variant bf16 = d.variant(Precision.BF16).orElseThrow();
    assertThat(bf16.file()).isEqualTo("model-bf16.pt");
    assertThat(bf16.memoryFormat()).isEqualTo("channels_last");
    assertThat(bf16.sha256()).isEqualTo(d.files().get("model-bf16.pt"));
    ModelDescriptor.Variant fp16 = d.variant(Precision.FP16).orElseThrow();
    assertThat(fp16.file()).isEqualTo("model-fp16.pt");
    assertThat(fp16.memoryFormat()).isEqualTo("channels_last");
  }

  @Test
  void aModelWithoutVariantsRunsItsFp32FileWhateverThePrecision() throws Exception {
    JsonObject json = standinJson();
    json.remove("variants");
    json.getAsJsonObject("files").remove("model-bf16.pt");
    json.getAsJsonObject("files").remove("model-fp16.pt");
    Files.copy(STANDIN.resolve("model.pt"), tmp.resolve("model.pt"));
    Files.writeString(tmp.resolve(ModelDescriptor.FILE_NAME), json.toString());
    LocalModel local = ModelRepository.local(tmp);
    assertThat(local.descriptor().variant(Precision.BF16)).isEmpty();
    assertThat(TorchScript.choose(local, Precision.BF16).file()).isEqualTo("model.pt");
    assertThat(TorchScript.choose(local, Precision.AUTO).precision()).isEqualTo("fp32");
    ModelDescriptor.Variant bf16 = local.descriptor().variantFor(Precision.BF16);
    assertThat(local.descriptor().filesFor(bf16))
        .as("what a remote one downloads")
        .containsExactly("model.pt");
  }

  @Test
  void aVariantNeedsItsOwnFileAndTheFilesThatAreNoVariant() throws Exception {
    ModelDescriptor d = ModelRepository.local(STANDIN.resolveSibling("multilingual")).descriptor();
    assertThat(d.filesFor(d.variantFor(Precision.FP32)))
        .containsExactly("model.pt", "tokenizer.json");
    assertThat(d.filesFor(d.variantFor(Precision.FP16)))
        .containsExactly("model-fp16.pt", "tokenizer.json");
  }

  @Test
  void variantsThatDoNotMatchTheFilesAreRefused() throws Exception {
    JsonObject unknown = standinJson();
    variant(unknown, 1).addProperty("precision", "int8");
    assertThatThrownBy(() -> parse(unknown)).hasMessageContaining("unknown precision int8");
    JsonObject wrongSum = standinJson();
    variant(wrongSum, 1).addProperty("sha256", "00");
    assertThatThrownBy(() -> parse(wrongSum)).hasMessageContaining("model-bf16.pt is not in files");
    JsonObject noFp32 = standinJson();
    noFp32.getAsJsonArray("variants").remove(0);
    assertThatThrownBy(() -> parse(noFp32)).hasMessageContaining("needs an fp32 variant");
  }

  private static JsonObject standinJson() throws IOException {
    return JsonParser.parseString(Files.readString(STANDIN.resolve(ModelDescriptor.FILE_NAME)))
        .getAsJsonObject();
  }

  private static JsonObject variant(JsonObject json, int index) {
    return json.getAsJsonArray("variants").get(index).getAsJsonObject();
  }

  private static ModelDescriptor parse(JsonObject json) throws IOException {
    return ModelDescriptor.parse(new StringReader(json.toString()));
  }
}
