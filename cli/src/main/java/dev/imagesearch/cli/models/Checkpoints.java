package dev.imagesearch.cli.models;

import java.net.URI;
import java.util.List;

/** The three files the export needs. */
record Checkpoints(Checkpoint clip, Checkpoint clipVocabulary, Checkpoint vgg16) {

  /** The official files: OpenAI's CLIP ViT-B/32 and its vocabulary, torchvision's VGG16. */
  static final Checkpoints OFFICIAL =
      new Checkpoints(
          // openai/CLIP publishes each model under a path that is the file's SHA-256.
          new Checkpoint(
              "ViT-B-32.pt",
              URI.create(
                  "https://openaipublic.azureedge.net/clip/models/"
                      + "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af/ViT-B-32.pt"),
              "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af"),
          new Checkpoint(
              "bpe_simple_vocab_16e6.txt.gz",
              URI.create(
                  "https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz"),
              "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a"),
          // IMAGENET1K_V1: the name carries the first 8 hex digits of the file's SHA-256.
          new Checkpoint(
              "vgg16-397923af.pth",
              URI.create("https://download.pytorch.org/models/vgg16-397923af.pth"),
              "397923af"));

  List<Checkpoint> all() {
    return List.of(clip, clipVocabulary, vgg16);
  }

  /** The same files from a mirror: {@code mirror/<name>}. */
  Checkpoints from(URI mirror) {
    return new Checkpoints(clip.from(mirror), clipVocabulary.from(mirror), vgg16.from(mirror));
  }
}
