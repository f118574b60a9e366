package dev.imagesearch.searchapi.search;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.elastic.ServingIndex.Serving;
import dev.imagesearch.searchapi.models.Inference;
import dev.imagesearch.searchapi.models.ModelSets;
import dev.imagesearch.searchapi.web.BadRequest;
import dev.imagesearch.web.ReceivedFile;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns what a client sent into one unit query vector, on the inference pool, with the image models
 * of the index version the query searches.
 */
@Component
class QueryEncoder {
  /**
   * Any of a text, an image and a text to move away from, with their weights. Texts only exist in
   * CLIP space, so a query with text is a CLIP query; {@code textModel} (clip or multilingual, null
   * without text) encodes its texts.
   */
  record Parts(
      String text,
      ReceivedFile image,
      String negative,
      double textWeight,
      double imageWeight,
      double negativeWeight,
      TextModel textModel) {

    String describe() {
      return "q="
          + text
          + "|image="
          + (image == null ? null : ImageId.of(image.bytes()))
          + "|negative="
          + negative
          + "|textModel="
          + textModel
          + "|w="
          + textWeight
          + ","
          + imageWeight
          + ","
          + negativeWeight;
    }
  }

  private final Inference inference;
  private final ModelSets sets;
  private final MultilingualTextModel multilingual;
  private final QueryImages images;

  QueryEncoder(
      Inference inference, ModelSets sets, MultilingualTextModel multilingual, QueryImages images) {
    this.inference = inference;
    this.sets = sets;
    this.multilingual = multilingual;
    this.images = images;
  }

  /** A query text's vector, for a query of {@code index}. */
  Mono<float[]> text(String text, TextModel model, Serving index) {
    EmbeddingModels models = sets.encoders(index);
    return inference.run(() -> texts(List.of(text), model, models).getFirst());
  }

  private List<float[]> texts(List<String> texts, TextModel model, EmbeddingModels models) {
    return model == TextModel.MULTILINGUAL
        ? multilingual.embedText(texts)
        : models.clip().embedText(texts);
  }

  /** The normalised weighted sum {@code wt·text + wi·image − wn·negative}. */
  Mono<float[]> encode(Parts parts, VectorModel model, Serving index) {
    EmbeddingModels models = sets.encoders(index);
    return inference.run(
        () -> {
          float[] sum = new float[ImageIndex.DIMS];
          if (parts.image() != null) {
            // Only the model's small crop outlives decoding, and the decode budget with it.
            RgbImage crop =
                images.decode(
                    parts.image(),
                    decoded ->
                        model == VectorModel.VGG16
                            ? models.vgg16().crop(decoded)
                            : models.clip().crop(decoded));
            float[] v =
                model == VectorModel.VGG16
                    ? models.vgg16().embedCrops(List.of(crop)).getFirst()
                    : models.clip().embedCrops(List.of(crop)).getFirst();
            add(sum, v, parts.imageWeight());
          }
          List<String> texts = new ArrayList<>();
          if (parts.text() != null) {
            texts.add(parts.text());
          }
          if (parts.negative() != null) {
            texts.add(parts.negative());
          }
          if (!texts.isEmpty()) {
            List<float[]> vectors = texts(texts, parts.textModel(), models);
            int i = 0;
            if (parts.text() != null) {
              add(sum, vectors.get(i++), parts.textWeight());
            }
            if (parts.negative() != null) {
              add(sum, vectors.get(i), -parts.negativeWeight());
            }
          }
          double norm = Math.sqrt(VectorMath.dot(sum, sum));
          if (norm < 1e-6) {
            throw new BadRequest(
                "The weights cancel the query out (its vector is zero); change a weight.");
          }
          return Vectors.l2Normalize(sum);
        });
  }

  private static void add(float[] sum, float[] v, double weight) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += (float) (weight * v[i]);
    }
  }
}
