#!/usr/bin/python3
"""Write random-weight files in the layout of the official checkpoints `models fetch` downloads.

  /usr/bin/python3 tools/models/standin_checkpoints.py --out DIR

ViT-B-32.pt:        a TorchScript archive of CLIP ViT-B/32 in fp16, as OpenAI publishes it.
vgg16-397923af.pth: a torchvision VGG16 state_dict, as download.pytorch.org serves it.
clip-ViT-B-32-multilingual-v1/: 0_Transformer (DistilBERT weights, vocab.txt) and 2_Dense, as a
                    clone of the sentence-transformers repository has them.
FetchCommandTest serves them from a local HTTP server, so the download and the export of
`./imagesearch models fetch` run for real without the network. Full size: about 1.4 GB.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import architectures  # noqa: E402
import wordpiece  # noqa: E402


class Archive(torch.nn.Module):
    """Holds exactly the given tensors under their dotted names, as OpenAI's archive does (it has
    none of the non-persistent buffers, such as the causal mask, that architectures.Clip builds)."""

    def __init__(self, state: dict):
        super().__init__()
        for name, value in state.items():
            *path, leaf = name.split(".")
            module = self
            for part in path:
                if not hasattr(module, part):
                    module.add_module(part, torch.nn.Module())
                module = getattr(module, part)
            module.register_parameter(leaf, torch.nn.Parameter(value, requires_grad=False))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    with torch.no_grad():
        clip = architectures.clip_vit_b32().half()
        torch.jit.save(torch.jit.script(Archive(clip.state_dict())), os.path.join(out, "ViT-B-32.pt"))
        import torchvision

        vgg = torchvision.models.vgg16(weights=None)
        torch.save(vgg.state_dict(), os.path.join(out, "vgg16-397923af.pth"))
        write_multilingual(os.path.join(out, "clip-ViT-B-32-multilingual-v1"))


def write_multilingual(clone: str) -> None:
    state = architectures.multilingual_clip_text().state_dict()
    for module, prefix in (("0_Transformer", "bert."), ("2_Dense", "dense.")):
        os.makedirs(os.path.join(clone, module), exist_ok=True)
        part = {k.removeprefix(prefix): v for k, v in state.items() if k.startswith(prefix)}
        torch.save(part, os.path.join(clone, module, "pytorch_model.bin"))
    with open(os.path.join(clone, "0_Transformer", "vocab.txt"), "w", encoding="utf-8") as f:
        f.writelines(token + "\n" for token in wordpiece.generate_vocab())


if __name__ == "__main__":
    main()
