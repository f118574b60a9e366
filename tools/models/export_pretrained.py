#!/usr/bin/python3
"""Export the REAL models (needs internet once; not runnable on the offline build machines).

  /usr/bin/python3 tools/models/export_pretrained.py --out ~/imagesearch-models \
      --clip-checkpoint ViT-B-32.pt --clip-vocab bpe_simple_vocab_16e6.txt.gz \
      --vgg-checkpoint vgg16-397923af.pth --multilingual clip-ViT-B-32-multilingual-v1

`./imagesearch models fetch` downloads and verifies the three files, then runs this.
VGG16: torchvision's IMAGENET1K_V1 weights (vgg16-397923af.pth, a state_dict).
CLIP:  OpenAI's ViT-B/32 checkpoint (the JIT archive `ViT-B-32.pt` that `clip.load("ViT-B/32")`
       downloads); its state_dict loads into architectures.Clip unchanged (same parameter names).
Both are scripted, frozen and saved with the same contract as the stand-ins, as an fp32, a bf16 and
an fp16 variant, with model.json (sha256 of every file, precision and memory format of each variant).
Multilingual text encoder: a local copy of sentence-transformers/clip-ViT-B-32-multilingual-v1
       (`git clone https://huggingface.co/sentence-transformers/clip-ViT-B-32-multilingual-v1`):
       0_Transformer (DistilBertModel) loads as `bert.`, 2_Dense as `dense.` (bias-free 768->512);
       its WordPiece vocab.txt becomes tokenizer.json (wordpiece.py, cased, no accent stripping);
       the same three variants.
Upload the three directories to S3 (`s3://bucket/models/vgg16`, `.../clip`, `.../multilingual`)
or copy them next to the services; point IMAGESEARCH_MODELS (or --models) at the parent.
"""
import argparse
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import architectures  # noqa: E402
import descriptor  # noqa: E402
import wordpiece  # noqa: E402
from export_standins import export_variants  # noqa: E402


def load_weights(directory: str) -> dict:
    """A sentence-transformers module's weights: pytorch_model.bin, else model.safetensors."""
    path = os.path.join(directory, "pytorch_model.bin")
    if os.path.isfile(path):
        return torch.load(path, map_location="cpu")
    from safetensors.torch import load_file  # pip install safetensors (not in Debian's torch)

    return load_file(os.path.join(directory, "model.safetensors"))


def export_multilingual(source: str, out: str) -> None:
    bert = {k: v for k, v in load_weights(os.path.join(source, "0_Transformer")).items()}
    bert.pop("embeddings.position_ids", None)
    state = {"bert." + k.removeprefix("distilbert."): v.float() for k, v in bert.items()}
    state.update({"dense." + k: v.float() for k, v in load_weights(os.path.join(source, "2_Dense")).items()})
    model = architectures.multilingual_clip_text()
    model.load_state_dict(state, strict=True)  # any missing or extra key is a wrong checkpoint
    directory = os.path.join(out, "multilingual")
    export_variants({"multilingual": (model, directory)})
    with open(os.path.join(source, "0_Transformer", "vocab.txt"), encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    wordpiece.write_tokenizer(os.path.join(directory, "tokenizer.json"), vocab)
    descriptor.write(directory, "multilingual", "sentence-transformers-clip-vit-b-32-multilingual-v1",
                     "multilingual", standin=False)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--clip-checkpoint", required=True, help="OpenAI ViT-B-32.pt")
    p.add_argument("--clip-vocab", required=True, help="bpe_simple_vocab_16e6.txt.gz from openai/CLIP")
    p.add_argument("--vgg-checkpoint", required=True, help="torchvision's vgg16-397923af.pth")
    p.add_argument("--multilingual", required=True, help="clip-ViT-B-32-multilingual-v1 snapshot directory")
    args = p.parse_args()
    out = os.path.expanduser(args.out)
    import torchvision

    with torch.no_grad():
        vgg = torchvision.models.vgg16(weights=None)
        vgg.load_state_dict(torch.load(args.vgg_checkpoint, map_location="cpu"))
        state = torch.jit.load(args.clip_checkpoint, map_location="cpu").state_dict()
        for key in ("input_resolution", "context_length", "vocab_size"):
            state.pop(key, None)
        clip = architectures.clip_vit_b32()
        missing, unexpected = clip.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
        if [m for m in missing if m != "causal_mask"] or unexpected:
            raise SystemExit(f"checkpoint does not match: missing {missing}, unexpected {unexpected}")
        export_variants(
            {
                "vgg16": (architectures.VggPool5(vgg.features), os.path.join(out, "vgg16")),
                "clip": (clip, os.path.join(out, "clip")),
            }
        )
        export_multilingual(args.multilingual, out)
    shutil.copyfile(args.clip_vocab, os.path.join(out, "clip", "bpe_simple_vocab_16e6.txt.gz"))
    descriptor.write(os.path.join(out, "vgg16"), "vgg16", "torchvision-imagenet1k-v1", "vgg16", standin=False)
    descriptor.write(os.path.join(out, "clip"), "clip", "openai-vit-b-32", "clip", standin=False)
    print(f"wrote real models to {out}; verify with tools/parity/verify-full.sh {out}")


if __name__ == "__main__":
    main()
