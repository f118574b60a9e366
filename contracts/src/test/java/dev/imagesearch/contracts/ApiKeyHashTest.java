package dev.imagesearch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyHashTest {
  /** The SHA-256 of "abc", as every reference lists it. */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void theConfiguredFormIsTheHexSha256OfTheKeysUtf8Bytes() {
    assertThat(ApiKeyHash.of("abc")).isEqualTo(ABC);
  }

  @Test
  void onlyTheKeyItselfMatchesItsHash() {
    assertThat(ApiKeyHash.matches("abc", ABC)).isTrue();
    assertThat(ApiKeyHash.matches("abd", ABC)).isFalse();
    assertThat(ApiKeyHash.matches(null, ABC)).isFalse();
  }
}
