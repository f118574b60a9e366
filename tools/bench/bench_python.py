#!/usr/bin/python3
"""Python baseline for the embedding benchmark: the same TorchScript files in Debian's torch 1.13,
with the same preprocessing (PIL resize + torchvision ToTensor/Normalize from decoded images).
Prints one JSON object. Called by dev.imagesearch.embedding.bench.EmbeddingBenchmark."""
import json
import os
import resource
import sys
import time

import torch
import torchvision.transforms as T
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
import reference  # noqa: E402


def rate(fn, items_per_call, min_calls, min_seconds):
    fn()  # warm-up
    calls, start = 0, time.perf_counter()
    while calls < min_calls or time.perf_counter() - start < min_seconds:
        fn()
        calls += 1
    return items_per_call * calls / (time.perf_counter() - start)


def latencies(fn, n):
    fn()
    out = []
    for _ in range(n):
        s = time.perf_counter()
        fn()
        out.append((time.perf_counter() - s) * 1000)
    out.sort()
    return out[len(out) // 2], out[min(len(out) - 1, int(len(out) * 0.99))]


def main():
    models, images_dir, threads, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    torch.set_num_threads(threads)
    torch.set_grad_enabled(False)
    a = torch.randn(1024, 1024)
    b = torch.randn(1024, 1024)
    peak = rate(lambda: torch.mm(a, b), 2 * 1024**3 / 1e9, 20, 2.0)
    vgg = torch.jit.load(os.path.join(models, "vgg16", "model.pt")).eval()
    clip = torch.jit.load(os.path.join(models, "clip", "model.pt")).eval()
    files = sorted(os.listdir(images_dir))
    imgs = [reference.load_rgb(os.path.join(images_dir, f)) for f in files]
    vgg_pre = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                         T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    clip_pre = T.Compose([T.Resize(224, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(224), T.ToTensor(),
                          T.Normalize([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])])

    def batch(n):
        return [imgs[i % len(imgs)] for i in range(n)]

    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "matmul_gflops": peak}
    for bs in (1, 8, 32):
        b_imgs = batch(bs)
        result[f"vgg16_b{bs}"] = rate(lambda: vgg(torch.stack([vgg_pre(i) for i in b_imgs])), bs, 1 if bs > 1 else 3, seconds)
        result[f"clip_image_b{bs}"] = rate(
            lambda: clip.get_image_features(torch.stack([clip_pre(i) for i in b_imgs])), bs, 2, seconds)
    tok = reference.reference_tokenizer.SimpleTokenizer(sys.argv[5])
    long_text = "the quick brown fox jumps over the lazy dog " * 12
    ids77 = torch.tensor([reference.reference_tokenizer.tokenize(tok, long_text)] * 32)
    result["clip_text77_b32"] = rate(lambda: clip.get_text_features(ids77, torch.ones_like(ids77)), 32, 2, seconds)

    def query():
        ids = torch.tensor([reference.reference_tokenizer.tokenize(tok, "a photo of a red bicycle")])
        return clip.get_text_features(ids, torch.ones_like(ids))

    result["text_query_p50_ms"], result["text_query_p99_ms"] = latencies(query, 50)
    one = imgs[files.index("photo_baseline.jpg")]
    result["image_query_p50_ms"], result["image_query_p99_ms"] = latencies(
        lambda: clip.get_image_features(clip_pre(one).unsqueeze(0)), 20)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
