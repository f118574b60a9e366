package dev.imagesearch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRootTest {
  @TempDir Path temp;

  @Test
  void aFolderAsModelsFetchWritesItGivesItsVersions() throws Exception {
    ModelRoot root = ModelRoot.verify(StandIns.DIR);
    assertThat(root.vgg16()).startsWith("vgg16:standin-");
    assertThat(root.clip()).startsWith("clip:standin-");
    assertThat(root.vgg16Dir()).isEqualTo(StandIns.DIR.resolve("vgg16"));
  }

  @Test
  void aChangedFileIsRefusedNamingIt() throws Exception {
    Path root = StandIns.copy(temp.resolve("models"));
    Files.write(root.resolve("clip/model.pt"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ModelRoot.verify(root))
        .isInstanceOf(ModelRoot.Refused.class)
        .hasMessageContaining("clip")
        .hasMessageContaining("model.pt")
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void aChangedMultilingualModelIsRefusedToo() throws Exception {
    Path root = StandIns.copy(temp.resolve("models"));
    Files.write(root.resolve("multilingual/model.pt"), new byte[] {1});
    assertThatThrownBy(() -> ModelRoot.verify(root)).hasMessageContaining("multilingual");
  }

  @Test
  void swappedOrMissingFoldersAreRefused() throws Exception {
    Path root = StandIns.copy(temp.resolve("models"));
    Files.move(root.resolve("vgg16"), root.resolve("elsewhere"));
    assertThatThrownBy(() -> ModelRoot.verify(root)).hasMessageContaining("has no vgg16/ folder");
    Files.move(root.resolve("clip"), root.resolve("vgg16"));
    assertThatThrownBy(() -> ModelRoot.verify(root))
        .hasMessageContaining("describes a clip model, not vgg16");
    assertThatThrownBy(() -> ModelRoot.verify(temp.resolve("nothing")))
        .hasMessageContaining("is not a folder of models");
  }
}
