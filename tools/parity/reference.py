#!/usr/bin/python3
"""Python reference pipeline for the parity tests: PIL decode + torchvision transforms + the same
TorchScript files that Java loads. Writes golden vectors and the preprocessed (resized, cropped,
still 8-bit) crops that Java compares its tensors with.

  /usr/bin/python3 tools/parity/reference.py --images embedding/src/test/resources/parity/images \
      --models models/standin --vocab ../shared/models/clip/bpe_simple_vocab_16e6.txt.gz \
      --out embedding/src/test/resources/parity

Decoding rules (mirrored by dev.imagesearch.embedding.decode): first frame, EXIF orientation applied,
16-bit samples scaled to 8 bits with (v + 128) // 257, palette expanded, CMYK converted as Pillow
does, alpha composited on white with round-half-even((c*a + 255*(255-a)) / 255).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image, ImageOps

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models"))
import reference_tokenizer  # noqa: E402

VGG = T.Compose([T.Resize(256), T.CenterCrop(224)])
CLIP = T.Compose([T.Resize(224, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(224)])
VGG_NORM = T.Compose([T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
CLIP_NORM = T.Compose(
    [T.ToTensor(), T.Normalize([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])]
)
TEXTS = ["a photo of a cat", "a diagram", "", "caf\u00e9 \U0001f408 \u65e5\u672c", "the quick brown fox " * 30]


def load_rgb(path: str) -> Image.Image:
    im = Image.open(path)
    im.seek(0)
    im = ImageOps.exif_transpose(im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = (np.asarray(im, dtype=np.int64) + 128) // 257
        im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("LA", "La", "PA", "RGBa"):
        im = im.convert("RGBA")
    if im.mode == "RGBA":
        arr = np.asarray(im, dtype=np.int64)
        a = arr[..., 3:4]
        rgb = np.rint((arr[..., :3] * a + 255 * (255 - a)) / 255.0)
        return Image.fromarray(rgb.astype(np.uint8), "RGB")
    return im.convert("RGB")


def l2(v: torch.Tensor) -> list:
    return [float(f"{x:.7g}") for x in torch.nn.functional.normalize(v, dim=-1)[0].tolist()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--vocab", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-crops", action="store_true", help="only vectors (full-size verification)")
    args = parser.parse_args()
    vgg = torch.jit.load(os.path.join(args.models, "vgg16", "model.pt")).eval()
    clip = torch.jit.load(os.path.join(args.models, "clip", "model.pt")).eval()
    crops = os.path.join(args.out, "crops")
    os.makedirs(crops, exist_ok=True)
    images = []
    with torch.no_grad():
        for name in sorted(os.listdir(args.images)):
            rgb = load_rgb(os.path.join(args.images, name))
            vgg_crop, clip_crop = VGG(rgb), CLIP(rgb)
            if not args.no_crops:
                vgg_crop.save(os.path.join(crops, name + ".vgg16.png"))
                clip_crop.save(os.path.join(crops, name + ".clip.png"))
            images.append(
                {
                    "file": name,
                    "width": rgb.width,
                    "height": rgb.height,
                    "vgg16": l2(vgg(VGG_NORM(vgg_crop).unsqueeze(0))),
                    "clip": l2(clip.get_image_features(CLIP_NORM(clip_crop).unsqueeze(0))),
                }
            )
            print(name, rgb.size)
        tok = reference_tokenizer.SimpleTokenizer(args.vocab)
        texts = []
        for text in TEXTS:
            ids = reference_tokenizer.tokenize(tok, text)
            t = torch.tensor([ids], dtype=torch.long)
            texts.append({"text": text, "ids": ids, "clip": l2(clip.get_text_features(t, torch.ones_like(t)))})
    meta = {}
    for arch in ("vgg16", "clip"):
        with open(os.path.join(args.models, arch, "model.json")) as f:
            meta[arch] = json.load(f)["version"]
    with open(os.path.join(args.out, "golden.json"), "w") as f:
        json.dump({"torch": torch.__version__, "models": meta, "images": images, "texts": texts}, f)
    print(f"{len(images)} images, {len(texts)} texts -> {args.out}/golden.json")


if __name__ == "__main__":
    main()
