package dev.imagesearch.searchapi.web;

import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read. Open by default. Make a key with {@code openssl rand -base64 32}, hash it with
 * {@code printf %s "$KEY" | sha256sum}, and configure only the hash.
 *
 * @param apiKeySha256 when set, every {@code /api/**} request needs the key ({@code Authorization:
 *     Bearer <key>} or {@code X-Api-Key: <key>})
 * @param corsOrigins browser origins allowed to call the API from other sites; none by default
 */
@Validated
@ConfigurationProperties("imagesearch.security")
public record ReadAccessProperties(
    @Pattern(
            regexp = "[0-9a-f]{64}",
            message = "must be the SHA-256 of the key, 64 lower-case hex characters")
        String apiKeySha256,
    @DefaultValue List<String> corsOrigins) {

  public boolean enabled() {
    return apiKeySha256 != null && !apiKeySha256.isEmpty();
  }
}
