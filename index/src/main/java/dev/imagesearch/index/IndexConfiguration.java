package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Import this into a service to get the {@link SearchIndex} and its async client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexProperties.class)
public class IndexConfiguration {
  @Bean(destroyMethod = "close")
  SearchIndex searchIndex(IndexProperties properties) {
    return SearchIndex.connect(properties);
  }

  @Bean
  ElasticsearchAsyncClient elasticsearchAsyncClient(SearchIndex index) {
    return index.client();
  }
}
