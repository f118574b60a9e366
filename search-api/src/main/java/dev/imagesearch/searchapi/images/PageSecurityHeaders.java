package dev.imagesearch.searchapi.images;

import dev.imagesearch.web.SecurityHeaders;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web page's Content-Security-Policy, on every answer of this service. The page has no inline
 * script or style. Images come from here, from {@code blob:} (the query image's preview) and {@code
 * data:} (the empty favicon); with {@code delivery=redirect} originals and thumbnails come from S3,
 * whose origin is then allowed for images and for the download's fetch.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityHeaders {
  @Bean
  SecurityHeaders securityHeaders(Presigned presigned) {
    String s3 = presigned.enabled() ? " " + origin(presigned.url("any")) : "";
    return new SecurityHeaders(
        "default-src 'self'; img-src 'self' blob: data:"
            + s3
            + "; connect-src 'self'"
            + s3
            + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getAuthority();
  }
}
