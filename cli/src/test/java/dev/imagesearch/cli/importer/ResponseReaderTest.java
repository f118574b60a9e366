package dev.imagesearch.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {
  private final ResponseReader reader = new ResponseReader();
  private final ImageFile file = new ImageFile(Path.of("/x/a.jpg"), "a.jpg", 10, "image/jpeg");

  @Test
  void acceptedAndDuplicateCarryTheId() {
    String id = "a".repeat(64);
    Outcome accepted =
        reader.read(
            file, 202, "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"accepted\"}]}", null);
    Outcome duplicate =
        reader.read(
            file, 202, "{\"results\":[{\"id\":\"" + id + "\",\"status\":\"duplicate\"}]}", null);

    assertThat(accepted.status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(accepted.id()).isEqualTo(id);
    assertThat(duplicate.status()).isEqualTo(Outcome.Status.DUPLICATE);
  }

  @Test
  void rejectionWithoutJsonStillReadsAsRejected() {
    Outcome o = reader.read(file, 413, "", null);

    assertThat(o.status()).isEqualTo(Outcome.Status.REJECTED);
    assertThat(o.reason()).isEqualTo("no detail given (HTTP 413)");
  }

  @Test
  void serverErrorsAndOddAnswersAreFailuresNotRejections() {
    Outcome error = reader.read(file, 500, "{\"title\":\"Internal Server Error\"}", null);
    Outcome notFound = reader.read(file, 404, "<html>Not Found</html>", null);
    Outcome odd = reader.read(file, 202, "{\"results\":[{\"status\":\"maybe\"}]}", null);
    Outcome empty = reader.read(file, 202, "not json", null);

    assertThat(error.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(error.reason()).isEqualTo("Internal Server Error (HTTP 500)");
    assertThat(notFound.reason()).isEqualTo("<html>Not Found</html> (HTTP 404)");
    assertThat(odd.status()).isEqualTo(Outcome.Status.FAILED);
    assertThat(odd.reason()).contains("maybe");
    assertThat(empty.status()).isEqualTo(Outcome.Status.FAILED);
  }

  @Test
  void unavailableCarriesRetryAfterAndAuthErrorsCarryTheDetail() {
    assertThatThrownBy(() -> reader.read(file, 503, "{\"detail\":\"Kafka down\"}", "7"))
        .isInstanceOfSatisfying(
            Unavailable.class, u -> assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(7)))
        .hasMessageContaining("Kafka down (HTTP 503)");
    assertThatThrownBy(() -> reader.read(file, 429, "", null))
        .isInstanceOfSatisfying(Unavailable.class, u -> assertThat(u.retryAfter()).isNull());
    assertThatThrownBy(() -> reader.read(file, 403, "{\"detail\":\"read-only key\"}", null))
        .isInstanceOfSatisfying(AuthRefused.class, a -> assertThat(a.status()).isEqualTo(403))
        .hasMessage("read-only key");
  }

  @Test
  void retryAfterAcceptsSecondsAndHttpDates() {
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));

    assertThat(ResponseReader.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(ResponseReader.retryAfter(inTenSeconds))
        .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    assertThat(ResponseReader.retryAfter("Mon, 01 Jan 2001 00:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(ResponseReader.retryAfter("soon")).isNull();
    assertThat(ResponseReader.retryAfter(null)).isNull();
  }
}
