package dev.imagesearch.deployment;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The property names Spring can bind under a {@code @ConfigurationProperties} type, found the way
 * the binder finds them: record components (or fields of a JavaBean), nested types recursively,
 * {@code []} for the index of a list, {@code .*} for the keys of a map.
 */
final class PropertyWalker {
  private PropertyWalker() {}

  static List<String> names(String prefix, Type type) {
    List<String> names = new ArrayList<>();
    walk(prefix, type, names, 0);
    return names;
  }

  private static void walk(String name, Type type, List<String> names, int depth) {
    if (depth > 10) {
      throw new IllegalStateException("properties nest too deep at " + name);
    }
    Class<?> raw = raw(type);
    if (isLeaf(raw)) {
      names.add(name);
    } else if (Map.class.isAssignableFrom(raw)) {
      names.add(name + ".*");
    } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      Type element = raw.isArray() ? raw.getComponentType() : typeArgument(type, 0);
      // A list of plain values also binds from one comma-separated value.
      if (isLeaf(raw(element))) {
        names.add(name);
        names.add(name + "[]");
      } else {
        walk(name + "[]", element, names, depth + 1);
      }
    } else if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        walk(
            name + "." + dashed(component.getName()), component.getGenericType(), names, depth + 1);
      }
    } else {
      for (Field field : raw.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          walk(name + "." + dashed(field.getName()), field.getGenericType(), names, depth + 1);
        }
      }
    }
  }

  /** Values Spring converts from one string: JDK value types, enums, Spring's DataSize and kin. */
  private static boolean isLeaf(Class<?> raw) {
    if (raw.isPrimitive() || raw.isEnum()) {
      return true;
    }
    if (Map.class.isAssignableFrom(raw)
        || Collection.class.isAssignableFrom(raw)
        || raw.isArray()) {
      return false;
    }
    String name = raw.getName();
    return name.startsWith("java.") || name.startsWith("org.springframework.");
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported property type " + type);
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  /** {@code maxPollRecords} -> {@code max-poll-records}, the canonical (kebab-case) form. */
  static String dashed(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
