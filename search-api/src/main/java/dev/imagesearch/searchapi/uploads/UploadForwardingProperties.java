package dev.imagesearch.searchapi.uploads;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param forwardTo the ingest-service that takes uploads, status queries and deletions
 */
@Validated
@ConfigurationProperties("imagesearch.uploads")
record UploadForwardingProperties(@DefaultValue("http://127.0.0.1:8081") @NotNull URI forwardTo) {}
