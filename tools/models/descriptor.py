"""Writes model.json, the descriptor every imagesearch process reads (see ModelDescriptor.java)."""
import hashlib
import json
import os

PREPROCESSING = {
    "vgg16": {
        "resize": 256,
        "interpolation": "bilinear",
        "crop": 224,
        "mean": [0.485, 0.456, 0.406],
        "std": [0.229, 0.224, 0.225],
    },
    "clip": {
        "resize": 224,
        "interpolation": "bicubic",
        "crop": 224,
        "mean": [0.48145466, 0.4578275, 0.40821073],
        "std": [0.26862954, 0.26130258, 0.27577711],
    },
}


# The variants every export writes; the services pick one at load (imagesearch.models.precision).
VARIANTS = {
    "vgg16": [
        {"file": "model.pt", "precision": "fp32", "memoryFormat": "contiguous"},
        {"file": "model-bf16.pt", "precision": "bf16", "memoryFormat": "channels_last"},
        {"file": "model-fp16.pt", "precision": "fp16", "memoryFormat": "channels_last"},
    ],
    "clip": [
        {"file": "model.pt", "precision": "fp32", "memoryFormat": "contiguous"},
        {"file": "model-bf16.pt", "precision": "bf16", "memoryFormat": "contiguous"},
        {"file": "model-fp16.pt", "precision": "fp16", "memoryFormat": "contiguous"},
    ],
    "multilingual": [
        {"file": "model.pt", "precision": "fp32", "memoryFormat": "contiguous"},
        {"file": "model-bf16.pt", "precision": "bf16", "memoryFormat": "contiguous"},
        {"file": "model-fp16.pt", "precision": "fp16", "memoryFormat": "contiguous"},
    ],
}


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write(directory: str, name: str, version: str, architecture: str, standin: bool) -> dict:
    files = {}
    for entry in sorted(os.listdir(directory)):
        if entry != "model.json" and os.path.isfile(os.path.join(directory, entry)):
            files[entry] = sha256(os.path.join(directory, entry))
    descriptor = {
        "name": name,
        "version": version,
        "architecture": architecture,
        "dims": 512,
        "standin": standin,
        "preprocessing": PREPROCESSING.get(architecture),
        "files": files,
        "variants": [dict(v, sha256=files[v["file"]]) for v in VARIANTS[architecture]],
    }
    if descriptor["preprocessing"] is None:
        del descriptor["preprocessing"]  # text-only models (multilingual)
    if architecture == "clip":
        descriptor["tokenizer"] = {
            "file": "tokenizer.json",
            "vocabulary": "bpe_simple_vocab_16e6.txt.gz",
            "contextLength": 77,
        }
    if architecture == "multilingual":
        descriptor["tokenizer"] = {"file": "tokenizer.json", "contextLength": 128}
    with open(os.path.join(directory, "model.json"), "w") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    return descriptor
