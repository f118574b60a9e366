#!/usr/bin/python3
"""Golden vectors of the multilingual text encoder: the hand-written reference tokenizer
(tools/models/wordpiece.py) and the same TorchScript file that Java loads.

  /usr/bin/python3 tools/parity/multilingual_reference.py --model models/standin/multilingual \
      --out embedding/src/test/resources/parity/multilingual-golden.json

Java (MultilingualParityTest) must give the same ids and vectors with cosine >= 0.9999.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models"))
import wordpiece  # noqa: E402

# Held strings in several scripts; no characters on which Python's and Rust's Unicode tables differ.
TEXTS = [
    "une fleur rouge",
    "Crème brûlée, déjà-vu à l'hôtel Noël!",
    "Ein rotes Auto vor dem Haus; Straße (München)",
    "красный цветок на пляже",
    "Ёлка и ёж",
    "红色的花",
    "日本の猫と犬",
    "وردة حمراء على الشاطئ",
    "Γάτα στην παραλία",
    "café \U0001f408 日本",
    "tab\tand\nnewline  spaces",
    "",
    "la fleur rouge " * 60,
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True, help="directory with model.pt, tokenizer.json, model.json")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    vocab = wordpiece.read_vocab(os.path.join(args.model, "tokenizer.json"))
    model = torch.jit.load(os.path.join(args.model, "model.pt")).eval()
    texts = []
    with torch.no_grad():
        for text in TEXTS:
            ids = wordpiece.encode(text, vocab)
            t = torch.tensor([ids], dtype=torch.long)
            v = torch.nn.functional.normalize(model.get_text_features(t, torch.ones_like(t)), dim=-1)[0]
            texts.append({"text": text, "ids": ids, "vector": [float(f"{x:.7g}") for x in v.tolist()]})
    with open(os.path.join(args.model, "model.json")) as f:
        version = json.load(f)["version"]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "model": version, "texts": texts}, f, ensure_ascii=False)
    print(f"{len(texts)} texts -> {args.out}")


if __name__ == "__main__":
    main()
