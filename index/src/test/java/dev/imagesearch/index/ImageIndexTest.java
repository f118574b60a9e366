package dev.imagesearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The field names services use are the mapping's: one list of names, not two. */
class ImageIndexTest {
  /** Constants of ImageIndex that name no field. */
  private static final Set<String> NOT_FIELDS =
      Set.of(
          ImageIndex.ALIAS,
          ImageIndex.VERSIONED,
          ImageIndex.VERSION_PREFIX,
          ImageIndex.INDEXED,
          ImageIndex.FAILED,
          ImageIndex.FILENAME_TEXT);

  @Test
  void everyFieldConstantIsInTheMappingAndEveryMappedFieldHasOne() throws Exception {
    JsonNode properties = mapping().get("mappings").get("properties");

    assertThat(properties.propertyNames()).containsExactlyInAnyOrderElementsOf(fieldConstants());
  }

  @Test
  void theWordSearchFieldIsTheFilenamesTextSubfield() throws Exception {
    String[] path = ImageIndex.FILENAME_TEXT.split("\\.");
    JsonNode sub = mapping().get("mappings").get("properties").get(path[0]).get("fields");

    assertThat(sub.get(path[1]).get("type").asString()).isEqualTo("text");
  }

  private static List<String> fieldConstants() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field f : ImageIndex.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String name = (String) f.get(null);
        if (!NOT_FIELDS.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static JsonNode mapping() throws Exception {
    try (InputStream in = SearchIndex.class.getResourceAsStream(ImageIndex.VERSIONED + ".json")) {
      return JsonMapper.builder().build().readTree(in);
    }
  }
}
