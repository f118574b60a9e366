package dev.imagesearch.searchapi;

import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The search-api on a random port with the tiny stand-in models, small image limits and fixed
 * weak-match floors. Servers come from the test class's dynamic properties.
 */
@NeedsClipVocabulary
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "imagesearch.models.vgg16=${imagesearch.repo.dir}/models/standin/vgg16",
      "imagesearch.models.clip=${imagesearch.repo.dir}/models/standin/clip",
      "imagesearch.models.multilingual=${imagesearch.repo.dir}/models/standin/multilingual",
      "imagesearch.s3.bucket=search-test",
      "imagesearch.s3.create-bucket=true",
      "imagesearch.search.max-image-size=256KB",
      "imagesearch.search.weak-match.vgg16=0.99",
      "imagesearch.search.weak-match.clip=0.99"
    })
// 30 s, not 5: a context's first queries warm the models and Elasticsearch, which on a busy 2-core
// machine took longer than 5 s. Speed is measured in benchmarks, not by this timeout.
@AutoConfigureWebTestClient(timeout = "30s")
public @interface SearchApiTest {}
