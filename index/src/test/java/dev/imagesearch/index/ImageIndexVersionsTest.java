package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.testsupport.WithRealServers;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithRealServers
class ImageIndexVersionsTest {
  static final ModelVersions A = new ModelVersions("vgg16@standin-1", "clip@standin-1");
  static final ModelVersions B = new ModelVersions("vgg16@standin-2", "clip@standin-2");
  @RegisterExtension static final TestIndex elasticsearch = TestIndex.deletingVersionsAnd();
  static final SearchIndex index = elasticsearch.index();
  static final ImageIndexVersions versions = index.versions();

  @Test
  void aFreshClusterHasNoVersionAndNothingServes() {
    assertThat(versions.list()).isEmpty();
    assertThat(versions.serving()).isEmpty();
  }

  @Test
  void theServingVersionIsTheAliasTargetWithItsModels() {
    index.ensureExists(A);

    assertThat(versions.serving()).contains(new IndexVersion(ImageIndex.VERSIONED, 1, A));
  }

  @Test
  void otherModelsGetTheNextVersionWithoutTheAliasAndTheSameModelsFindIt() {
    index.ensureExists(A);

    IndexVersion created = versions.findOrCreate(B);
    IndexVersion found = versions.findOrCreate(B);

    assertThat(created).isEqualTo(new IndexVersion("images-v2", 2, B)).isEqualTo(found);
    assertThat(versions.findOrCreate(A).name()).isEqualTo(ImageIndex.VERSIONED);
    assertThat(versions.list())
        .extracting(IndexVersion::name)
        .containsExactly("images-v1", "images-v2");
    assertThat(versions.serving().orElseThrow().name()).isEqualTo(ImageIndex.VERSIONED);
  }

  @Test
  void concurrentCreatorsOfTheSameModelsShareOneVersion() throws Exception {
    index.ensureExists(A);
    Callable<IndexVersion> create = () -> versions.findOrCreate(B);

    List<IndexVersion> results;
    try (var pool = Executors.newFixedThreadPool(4)) {
      results =
          pool.invokeAll(List.of(create, create, create, create)).stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  })
              .toList();
    }

    assertThat(results).containsOnly(new IndexVersion("images-v2", 2, B));
    assertThat(versions.list()).hasSize(2);
  }

  @Test
  void theAliasMovesInOneStepAndOnlyFromWhereItIs() {
    index.ensureExists(A);
    IndexVersion next = versions.findOrCreate(B);

    versions.switchAlias(ImageIndex.VERSIONED, next.name());

    assertThat(versions.serving()).contains(next);
    assertThatThrownBy(() -> versions.switchAlias(ImageIndex.VERSIONED, next.name()))
        .isInstanceOf(RuntimeException.class);
    assertThat(versions.serving()).contains(next);
  }

  @Test
  void namesThatAreNoVersionAreIgnored() {
    assertThat(ImageIndexVersions.number("images-v12")).isEqualTo(12);
    assertThat(ImageIndexVersions.number("images-v1-old")).isZero();
    assertThat(ImageIndexVersions.number("images-v")).isZero();
  }
}
