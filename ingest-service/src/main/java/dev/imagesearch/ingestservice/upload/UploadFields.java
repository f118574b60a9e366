package dev.imagesearch.ingestservice.upload;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The optional text fields of an upload, checked and normalised. */
record UploadFields(String collection, List<String> tags, String caption) {
  static final int MAX_COLLECTION = 100;
  static final int MAX_TAGS = 50;
  static final int MAX_TAG = 50;
  static final int MAX_CAPTION = 2000;

  static UploadFields from(Map<String, String> fields) {
    String collection = blankToNull(fields.get("collection"));
    String caption = blankToNull(fields.get("caption"));
    List<String> tags =
        List.copyOf(
            new LinkedHashSet<>(
                Arrays.stream(fields.getOrDefault("tags", "").split(","))
                    .map(String::strip)
                    .filter(tag -> !tag.isEmpty())
                    .toList()));
    require(
        collection == null || collection.length() <= MAX_COLLECTION,
        "collection is longer than " + MAX_COLLECTION + " characters");
    require(
        caption == null || caption.length() <= MAX_CAPTION,
        "caption is longer than " + MAX_CAPTION + " characters");
    require(tags.size() <= MAX_TAGS, "more than " + MAX_TAGS + " tags");
    require(
        tags.stream().allMatch(tag -> tag.length() <= MAX_TAG),
        "a tag is longer than " + MAX_TAG + " characters");
    return new UploadFields(collection, tags, caption);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid field: " + problem + ".");
    }
  }
}
