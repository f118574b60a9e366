package dev.imagesearch.searchapi.search;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import org.springframework.stereotype.Component;

/**
 * Resolves {@code textModel=auto}: English goes to CLIP's own text tower, which was trained on
 * English; any other language, or a text whose language is unclear, goes to the multilingual
 * encoder, which was distilled to give English texts the same vectors as CLIP's.
 */
@Component
class TextRouter {
  /**
   * English and the languages most likely to be mistaken for it. Fewer languages bound the memory
   * (decision 0025); a language outside the list is seen as one of these, and only "English"
   * changes the route.
   */
  private static final Language[] LANGUAGES = {
    Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.SWEDISH, Language.DANISH, Language.POLISH,
    Language.TURKISH, Language.INDONESIAN, Language.RUSSIAN, Language.ARABIC, Language.CHINESE,
    Language.JAPANESE, Language.KOREAN
  };

  private final LanguageDetector detector =
      LanguageDetectorBuilder.fromLanguages(LANGUAGES)
          .withLowAccuracyMode()
          .withPreloadedLanguageModels()
          .build();

  private final TextProperties properties;

  TextRouter(TextProperties properties) {
    this.properties = properties;
  }

  /**
   * The encoder of a query's texts, clip or multilingual ({@code auto}, the request's or the
   * deployment's, resolved on all its texts), or null without text. A bad {@code textModel} is a
   * 400 even then.
   */
  TextModel resolve(String textModel, String text, String negative) {
    TextModel requested = TextModel.parse(textModel, properties.model());
    if (text == null && negative == null) {
      return null;
    }
    if (requested != TextModel.AUTO) {
      return requested;
    }
    String all = text == null ? negative : negative == null ? text : text + "\n" + negative;
    return detector.detectLanguageOf(all) == Language.ENGLISH
        ? TextModel.CLIP
        : TextModel.MULTILINGUAL;
  }
}
