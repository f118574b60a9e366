package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWriteKeyTest {
  @TempDir Path home;

  @Test
  void isMadeOnceKeptPrivateAndReusedAfterwards() throws Exception {
    Stack stack = new Stack(home, home.resolve("var"));

    LocalWriteKey first = LocalWriteKey.ensure(stack);
    LocalWriteKey again = LocalWriteKey.ensure(stack);

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.value()).isEqualTo(first.value()).hasSizeGreaterThanOrEqualTo(43);
    Path file = home.resolve("var/api-key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void upShowsTheKeyOnceWhenItIsMadeAndThenOnlyWhereItIs() {
    Stack stack = new Stack(home, home.resolve("var"));

    LocalWriteKey first = LocalWriteKey.ensure(stack);
    LocalWriteKey again = LocalWriteKey.ensure(stack);

    assertThat(first.notice(stack))
        .contains(first.value())
        .contains(home.resolve("var/api-key").toString());
    assertThat(again.notice(stack))
        .doesNotContain(first.value())
        .contains(home.resolve("var/api-key").toString());
  }

  @Test
  void theIngestServiceGetsOnlyTheHash() {
    LocalWriteKey key = new LocalWriteKey("write-key", false);

    assertThat(key.ingestArguments())
        .contains(
            "--imagesearch.security.api-keys[0].sha256=9a7ac94eebad54f90bf2ee767e6765138c44b2ad6bd68e05938b5e7b0f4b232f")
        .noneMatch(argument -> argument.contains("write-key"));
  }
}
