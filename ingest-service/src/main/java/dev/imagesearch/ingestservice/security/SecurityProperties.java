package dev.imagesearch.ingestservice.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys, stored only as SHA-256 hashes. Make one with {@code openssl rand -base64 32}, hash it
 * with {@code printf %s "$KEY" | sha256sum}, and configure the hash.
 */
@Validated
@ConfigurationProperties("imagesearch.security")
record SecurityProperties(@DefaultValue @Valid List<ApiKey> apiKeys) {
  enum Role {
    /** May read only: a valid key, refused (403) on writes. */
    READ,
    /** May upload and delete. */
    WRITE
  }

  record ApiKey(
      @NotBlank String name,
      @NotNull
          @Pattern(
              regexp = "[0-9a-f]{64}",
              message = "must be the SHA-256 of the key, 64 lower-case hex characters")
          String sha256,
      @NotNull Role role) {}
}
