package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackModelsTest {
  @TempDir Path home;

  private Stack stack() {
    return new Stack(home, home.resolve("var"));
  }

  @Test
  void withoutARecordTheStackRunsTheCommittedStandIns() {
    StackModels models = StackModels.read(stack());
    assertThat(models.configured()).isEqualTo(home.resolve("models/standin"));
    assertThat(models.previous()).isNull();
    assertThat(models.arguments(Component.SEARCH_API))
        .containsExactly(
            "--imagesearch.models.vgg16=" + home.resolve("models/standin/vgg16"),
            "--imagesearch.models.clip=" + home.resolve("models/standin/clip"));
  }

  @Test
  void aMoveIsKeptForTheNextUpWithWhatRanBeforeAsThePrevious() {
    Path b = home.resolve("b");
    StackModels moved = StackModels.read(stack()).moveTo(b);
    moved.write(stack());
    StackModels read = StackModels.read(stack());
    assertThat(read).isEqualTo(new StackModels(b, home.resolve("models/standin")));
    assertThat(read.moveTo(b)).as("moving to the same models changes nothing").isSameAs(read);
    assertThat(read.swapped()).isEqualTo(new StackModels(home.resolve("models/standin"), b));
  }

  @Test
  void searchApiAlsoLoadsThePreviousModelsAndTheWorkerOnlyTheConfiguredOnes() {
    StackModels models = new StackModels(home.resolve("b"), home.resolve("a"));
    assertThat(models.arguments(Component.SEARCH_API))
        .contains(
            "--imagesearch.models.vgg16=" + home.resolve("b/vgg16"),
            "--imagesearch.models.previous.vgg16=" + home.resolve("a/vgg16"),
            "--imagesearch.models.previous.clip=" + home.resolve("a/clip"));
    assertThat(models.arguments(Component.EMBED_WORKER))
        .containsExactly(
            "--imagesearch.models.vgg16=" + home.resolve("b/vgg16"),
            "--imagesearch.models.clip=" + home.resolve("b/clip"));
    assertThat(models.arguments(Component.INGEST_SERVICE)).isEmpty();
  }
}
