package dev.imagesearch.contracts.images;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.reflect.RecordComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * Writes {@link ImageFacts} with the holder's null rule. Jackson writes an unwrapped record's
 * fields with the record's own inclusion, not its holder's; but the index document and the metadata
 * answer leave unknown fields out while a search hit writes them as {@code null}, so this writer
 * takes the rule from the holder's {@code @JsonInclude}. The fields are the record's components, in
 * order.
 */
final class ImageFactsWriter extends StdSerializer<ImageFacts> {
  private static final RecordComponent[] FIELDS = ImageFacts.class.getRecordComponents();

  private final boolean writeNulls;
  private final NameTransformer unwrapping;

  ImageFactsWriter() {
    this(true, null);
  }

  private ImageFactsWriter(boolean writeNulls, NameTransformer unwrapping) {
    super(ImageFacts.class);
    this.writeNulls = writeNulls;
    this.unwrapping = unwrapping;
  }

  @Override
  public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
    if (property == null || property.getMember() == null) {
      return this;
    }
    Class<?> holder = property.getMember().getDeclaringClass();
    JsonInclude.Include rule =
        property.findPropertyInclusion(ctxt.getConfig(), holder).getValueInclusion();
    boolean nulls = rule == JsonInclude.Include.ALWAYS || rule == JsonInclude.Include.USE_DEFAULTS;
    return new ImageFactsWriter(nulls, unwrapping);
  }

  @Override
  public ValueSerializer<ImageFacts> unwrappingSerializer(NameTransformer names) {
    return new ImageFactsWriter(writeNulls, names);
  }

  @Override
  public boolean isUnwrappingSerializer() {
    return unwrapping != null;
  }

  @Override
  public void serialize(ImageFacts facts, JsonGenerator gen, SerializationContext ctxt) {
    if (unwrapping == null) {
      gen.writeStartObject(facts);
    }
    for (RecordComponent field : FIELDS) {
      Object value = valueOf(field, facts);
      if (value != null || writeNulls) {
        String name = field.getName();
        gen.writeName(unwrapping == null ? name : unwrapping.transform(name));
        ctxt.writeValue(gen, value);
      }
    }
    if (unwrapping == null) {
      gen.writeEndObject();
    }
  }

  private static Object valueOf(RecordComponent field, ImageFacts facts) {
    try {
      return field.getAccessor().invoke(facts);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("a record's accessor is public", e);
    }
  }
}
