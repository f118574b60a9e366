#!/usr/bin/python3
"""Export seeded random-weight stand-ins with the production TorchScript contract.

  /usr/bin/python3 tools/models/export_standins.py --size tiny --out models/standin
  /usr/bin/python3 tools/models/export_standins.py --size full --out ~/.cache/imagesearch/models/standin-full
  /usr/bin/python3 tools/models/export_standins.py --size tiny --seed 7 --out /tmp/standin-7

Another seed is another model version (its version string carries the seed): tests of a model
migration use two.

Each model gets an fp32 variant (model.pt), a bf16 one for CPUs (model-bf16.pt) and an fp16 one
for GPUs (model-fp16.pt), channels_last for VGG16, all listed in model.json. tiny: a few MB in all, committed under models/standin/ (tests,
local stack).
full: architecture-exact VGG16, CLIP ViT-B/32 and the multilingual text encoder (DistilBERT, mean
      pooling, Dense 768->512) with random weights (~1.5 GB), for benchmarks only;
      never committed. Stand-ins carry no semantics: their vectors are only good for plumbing,
      parity and speed.
"""
import argparse
import os
import sys
from typing import Dict, Tuple

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import architectures  # noqa: E402
import descriptor  # noqa: E402
import variants  # noqa: E402
import wordpiece  # noqa: E402

SEED = 20240611


def export(module: torch.nn.Module, path: str, methods) -> None:
    module.eval()
    scripted = torch.jit.script(module)
    # Freezing folds parameters into constants and drops training-only code paths.
    frozen = torch.jit.freeze(scripted, preserved_attrs=list(methods))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.jit.save(frozen, path)


METHODS = {
    "vgg16": ["forward"],
    "clip": ["get_image_features", "get_text_features"],
    "multilingual": ["get_text_features"],
}
HALF = {
    "model-bf16.pt": {"vgg16": variants.Bf16Vgg, "clip": variants.Bf16Clip, "multilingual": variants.bf16_multilingual},
    "model-fp16.pt": {"vgg16": variants.Fp16Vgg, "clip": variants.Fp16Clip, "multilingual": variants.fp16_multilingual},
}


def export_variants(models: Dict[str, Tuple[torch.nn.Module, str]]) -> None:
    """Writes, per architecture, module to directory/model.pt (fp32), model-bf16.pt (bf16, for CPUs)
    and model-fp16.pt (fp16, for GPUs).

    Every fp32 file first, then every bf16 file: TorchScript numbers the classes it compiles per
    process, so this order keeps the files' code as it was before the later variants existed."""
    for architecture, (module, directory) in models.items():
        export(module, os.path.join(directory, "model.pt"), METHODS[architecture])
    for file, half in HALF.items():
        for architecture, (module, directory) in models.items():
            export(half[architecture](module), os.path.join(directory, file), METHODS[architecture])


def export_multilingual(size: str, directory: str, version: str, seed: int) -> None:
    """The multilingual text encoder with a generated WordPiece vocabulary (see wordpiece.py)."""
    vocab = wordpiece.generate_vocab()
    torch.manual_seed(seed)
    with torch.no_grad():
        if size == "tiny":
            model = architectures.tiny_multilingual_clip_text(len(vocab))
        else:
            # The real vocabulary size: the embedding matrix is most of the model's memory.
            model = architectures.multilingual_clip_text()
        export_variants({"multilingual": (model, directory)})
    wordpiece.write_tokenizer(os.path.join(directory, "tokenizer.json"), vocab)
    descriptor.write(directory, "multilingual", version, "multilingual", standin=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["tiny", "full"], required=True)
    parser.add_argument("--out", required=True, help="directory that gets vgg16/, clip/ and multilingual/")
    parser.add_argument("--seed", type=int, default=SEED, help="of the random weights (default %(default)s)")
    parser.add_argument("--tokenizer", help="CLIP tokenizer.json to place beside the CLIP model (optional)")
    args = parser.parse_args()
    out = os.path.expanduser(args.out)
    torch.manual_seed(args.seed)
    with torch.no_grad():
        if args.size == "tiny":
            vgg = architectures.VggPool5(architectures.tiny_vgg_features())
            clip = architectures.tiny_clip()
        else:
            vgg = architectures.VggPool5(architectures.vgg16_features())
            clip = architectures.clip_vit_b32()
        version = f"standin-{args.size}-seed{args.seed}"
        export_variants({"vgg16": (vgg, os.path.join(out, "vgg16")), "clip": (clip, os.path.join(out, "clip"))})
    descriptor.write(os.path.join(out, "vgg16"), "vgg16", version, "vgg16", standin=True)
    if args.tokenizer:
        import shutil

        shutil.copyfile(args.tokenizer, os.path.join(out, "clip", "tokenizer.json"))
    descriptor.write(os.path.join(out, "clip"), "clip", version, "clip", standin=True)
    export_multilingual(args.size, os.path.join(out, "multilingual"), version, args.seed)
    print(f"wrote {version} to {out}")


if __name__ == "__main__":
    main()
