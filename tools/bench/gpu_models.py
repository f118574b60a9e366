#!/usr/bin/env python3
"""The models on a CUDA GPU, measured for docs/scaling.md ("GPU worker"). Prints one JSON object.

Builds the full-size stand-ins exactly as export_standins.py does (same architectures, seed,
scripting and freezing), saves them, and loads them back with map_location="cuda", which is what
DJL's "mapLocation" option does in the worker. Then:

1. agreement: the same inputs through the CPU and the CUDA copies, cosine of each pair of vectors
   (workers on CPU and on GPU write into one index, so their vectors must agree);
2. image throughput, VGG16 + CLIP image tower per image, at several batch sizes, in three modes:
   "fp32" (TF32 off), "default" (libtorch's defaults, which DJL keeps: TF32 for cuDNN convolutions
   only) and "tf32" (TF32 for matrix products too);
3. text throughput of the CLIP text tower (search-api's query path) at batch 1 and 64.

Usage, on a machine with torch and a GPU: python3 tools/bench/gpu_models.py
"""
import json
import os
import sys
import tempfile
import time

import torch

# (TF32 for matrix products, TF32 for cuDNN convolutions)
MODES = {"fp32": (False, False), "default": (False, True), "tf32": (True, True)}

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models"))
import architectures  # noqa: E402
import export_standins  # noqa: E402


def vgg16_features():
    try:
        return architectures.vgg16_features()
    except ImportError:  # no torchvision: the same layers, torchvision's configuration "D"
        layers, c_in = [], 3
        for v in [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]:
            if v == "M":
                layers.append(torch.nn.MaxPool2d(2, 2))
            else:
                layers += [torch.nn.Conv2d(c_in, v, 3, padding=1), torch.nn.ReLU(inplace=True)]
                c_in = v
        return torch.nn.Sequential(*layers)


def exported(directory):
    torch.manual_seed(export_standins.SEED)
    with torch.no_grad():
        vgg = architectures.VggPool5(vgg16_features())
        clip = architectures.clip_vit_b32()
        paths = os.path.join(directory, "vgg16.pt"), os.path.join(directory, "clip.pt")
        export_standins.export(vgg, paths[0], ["forward"])
        export_standins.export(clip, paths[1], ["get_image_features", "get_text_features"])
    return paths


def cosines(a, b):
    return torch.nn.functional.cosine_similarity(a.double().cpu(), b.double().cpu(), dim=1)


def per_second(fn, items, seconds=3.0):
    fn()
    torch.cuda.synchronize()
    calls, start = 0, time.perf_counter()
    while calls < 3 or time.perf_counter() - start < seconds:
        fn()
        calls += 1
    torch.cuda.synchronize()
    return items * calls / (time.perf_counter() - start)


def main():
    torch.set_grad_enabled(False)
    result = {"torch": torch.__version__, "gpu": torch.cuda.get_device_name(0)}
    with tempfile.TemporaryDirectory() as tmp:
        vgg_path, clip_path = exported(tmp)
        cpu = [torch.jit.load(p, map_location="cpu").eval() for p in (vgg_path, clip_path)]
        gpu = [torch.jit.load(p, map_location="cuda").eval() for p in (vgg_path, clip_path)]

    gen = torch.Generator().manual_seed(1)
    pixels = torch.randn(16, 3, 224, 224, generator=gen)
    ids = torch.randint(1, 49406, (16, 77), generator=gen)
    ids[:, 0], ids[:, 12] = 49406, 49407  # start token, end token after 11 words
    ids[:, 13:] = 0
    mask = (ids != 0).long()
    agreement = {}
    for mode, (matmul, conv) in MODES.items():
        torch.backends.cuda.matmul.allow_tf32 = matmul
        torch.backends.cudnn.allow_tf32 = conv
        pairs = {
            "vgg16": (cpu[0](pixels), gpu[0](pixels.cuda())),
            "clip_image": (cpu[1].get_image_features(pixels), gpu[1].get_image_features(pixels.cuda())),
            "clip_text": (cpu[1].get_text_features(ids, mask), gpu[1].get_text_features(ids.cuda(), mask.cuda())),
        }
        agreement[mode] = {
            name: {"min_cosine": cosines(a, b).min().item(), "max_abs_diff": (a - b.cpu()).abs().max().item()}
            for name, (a, b) in pairs.items()
        }
    result["cpu_vs_gpu"] = agreement

    vgg, clip = gpu
    throughput = {}
    for mode, (matmul, conv) in MODES.items():
        torch.backends.cuda.matmul.allow_tf32 = matmul
        torch.backends.cudnn.allow_tf32 = conv
        rows = {}
        for batch in (1, 8, 32, 64, 128):
            x = torch.randn(batch, 3, 224, 224, device="cuda")
            rows[batch] = {
                "vgg16": per_second(lambda: vgg(x), batch),
                "clip_image": per_second(lambda: clip.get_image_features(x), batch),
                "both": per_second(lambda: (vgg(x), clip.get_image_features(x)), batch),
            }
        text = {}
        for batch in (1, 64):
            t_ids, t_mask = ids[:1].repeat(batch, 1).cuda(), mask[:1].repeat(batch, 1).cuda()
            text[batch] = per_second(lambda: clip.get_text_features(t_ids, t_mask), batch)
        throughput[mode] = {"images_per_s": rows, "texts_per_s": text}
    result["throughput"] = throughput
    result["peak_memory_gib"] = torch.cuda.max_memory_allocated() / 2**30
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
