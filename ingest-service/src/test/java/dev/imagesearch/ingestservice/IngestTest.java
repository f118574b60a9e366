package dev.imagesearch.ingestservice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The ingest-service on a random port with small limits and two API keys: {@code write-key} (WRITE)
 * and {@code read-key} (READ), and no reconciler. Servers come from the test class's dynamic
 * properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.level.org.apache.kafka=warn",
      "imagesearch.ingest.max-file-size=1MB",
      "imagesearch.ingest.max-files-per-request=5",
      "imagesearch.s3.bucket=ingest-test",
      // Off, so that no test's deliberate orphan is announced behind another test's back.
      "imagesearch.reconciler.enabled=false",
      "imagesearch.security.api-keys[0].name=writer",
      "imagesearch.security.api-keys[0].sha256=9a7ac94eebad54f90bf2ee767e6765138c44b2ad6bd68e05938b5e7b0f4b232f",
      "imagesearch.security.api-keys[0].role=WRITE",
      "imagesearch.security.api-keys[1].name=reader",
      "imagesearch.security.api-keys[1].sha256=8578df6c579d44d3bf7caeada69ed9cbca30b318a50a0e60216b46760edf5477",
      "imagesearch.security.api-keys[1].role=READ"
    })
@AutoConfigureWebTestClient
public @interface IngestTest {
  String WRITE_KEY = "write-key";
  String READ_KEY = "read-key";
}
