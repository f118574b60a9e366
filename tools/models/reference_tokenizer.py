#!/usr/bin/python3
"""Reference CLIP tokenizer: a faithful port of openai/CLIP's clip/simple_tokenizer.py (MIT).

Writes the golden token ids that the Java tokenizer tests compare against:
  /usr/bin/python3 tools/models/reference_tokenizer.py \
      --vocab ../shared/models/clip/bpe_simple_vocab_16e6.txt.gz \
      --out embedding/src/test/resources/tokenizer/golden.json

Needs `regex` (Debian python3-regex). openai/CLIP runs ftfy.fix_text first; ftfy is not packaged by
Debian, so without it this port applies the parts of fix_text that change well-formed text
(NFC, curly quotes to straight, Latin ligatures, full-width to half-width, control characters)
and documents that mojibake repair is not reproduced. The same steps run in Java (TextCleaner).
"""
import argparse
import gzip
import html
import json
import unicodedata
from functools import lru_cache

import regex as re

try:  # pragma: no cover - ftfy is optional
    import ftfy
except ImportError:
    ftfy = None

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036"
LIGATURES = {"\u0132": "IJ", "\u0133": "ij", "\u0149": "\u02bcn", "\u01c4": "D\u017d", "\u01c5": "D\u017e",
             "\u01c6": "d\u017e", "\u01c7": "LJ", "\u01c8": "Lj", "\u01c9": "lj", "\u01ca": "NJ", "\u01cb": "Nj",
             "\u01cc": "nj", "\u01f1": "DZ", "\u01f2": "Dz", "\u01f3": "dz", "\ufb00": "ff", "\ufb01": "fi",
             "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "\u017ft", "\ufb06": "st"}


def fix_text_fallback(text: str) -> str:
    for q in SINGLE_QUOTES:
        text = text.replace(q, "'")
    for q in DOUBLE_QUOTES:
        text = text.replace(q, '"')
    text = "".join(LIGATURES.get(c, c) for c in text)
    # Full-width ASCII and the ideographic space to their narrow forms (ftfy fix_character_width).
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c) for c in text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(c for c in text if not _is_removed_control(c))
    return unicodedata.normalize("NFC", text)


def _is_removed_control(c: str) -> bool:
    o = ord(c)
    return (o <= 0x08 or o == 0x0B or 0x0E <= o <= 0x1F or o == 0x7F or 0x80 <= o <= 0x9F or o == 0xFEFF
            or 0xFFF9 <= o <= 0xFFFC)


@lru_cache()
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2**8):
        if b not in bs:
            bs.append(b)
            cs.append(2**8 + n)
            n += 1
    cs = [chr(n) for n in cs]
    return dict(zip(bs, cs))


def get_pairs(word):
    pairs = set()
    prev_char = word[0]
    for char in word[1:]:
        pairs.add((prev_char, char))
        prev_char = char
    return pairs


def basic_clean(text):
    text = ftfy.fix_text(text) if ftfy else fix_text_fallback(text)
    text = html.unescape(html.unescape(text))
    return text.strip()


def whitespace_clean(text):
    text = re.sub(r"\s+", " ", text)
    return text.strip()


class SimpleTokenizer:
    def __init__(self, bpe_path):
        self.byte_encoder = bytes_to_unicode()
        merges = gzip.open(bpe_path).read().decode("utf-8").split("\n")
        merges = merges[1 : 49152 - 256 - 2 + 1]
        merges = [tuple(merge.split()) for merge in merges]
        vocab = list(bytes_to_unicode().values())
        vocab = vocab + [v + "</w>" for v in vocab]
        for merge in merges:
            vocab.append("".join(merge))
        vocab.extend(["<|startoftext|>", "<|endoftext|>"])
        self.encoder = dict(zip(vocab, range(len(vocab))))
        self.bpe_ranks = dict(zip(merges, range(len(merges))))
        self.cache = {"<|startoftext|>": "<|startoftext|>", "<|endoftext|>": "<|endoftext|>"}
        self.pat = re.compile(
            r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
            re.IGNORECASE,
        )

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        pairs = get_pairs(word)
        if not pairs:
            return token + "</w>"
        while True:
            bigram = min(pairs, key=lambda pair: self.bpe_ranks.get(pair, float("inf")))
            if bigram not in self.bpe_ranks:
                break
            first, second = bigram
            new_word = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                    new_word.extend(word[i:j])
                    i = j
                except ValueError:
                    new_word.extend(word[i:])
                    break
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        word = " ".join(word)
        self.cache[token] = word
        return word

    def encode(self, text):
        bpe_tokens = []
        text = whitespace_clean(basic_clean(text)).lower()
        for token in re.findall(self.pat, text):
            token = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            bpe_tokens.extend(self.encoder[bpe_token] for bpe_token in self.bpe(token).split(" "))
        return bpe_tokens


def tokenize(tokenizer, text, context_length=77):
    """clip.tokenize(text, truncate=True) without the zero padding."""
    sot = tokenizer.encoder["<|startoftext|>"]
    eot = tokenizer.encoder["<|endoftext|>"]
    tokens = [sot] + tokenizer.encode(text) + [eot]
    if len(tokens) > context_length:
        tokens = tokens[:context_length]
        tokens[-1] = eot
    return tokens


CASES = [
    "a photo of a cat",
    "A Photo Of A CAT",
    "a diagram",
    "a dog",
    "",
    "   ",
    "\t\n  \r\n",
    "  leading and trailing spaces  ",
    "multiple     spaces\tand\ttabs\nand newlines",
    "Hello, world!",
    "What's up? I'm fine, you're great, they've gone, we'll see, he'd go.",
    "don\u2019t stop \u201cbelieving\u201d",
    "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e",
    "cafe\u0301 (decomposed accent)",
    "na\u00efve fa\u00e7ade se\u00f1or \u00fcber",
    "Stra\u00dfe in M\u00fcnchen",
    "\u00c9COLE \u00c0 PARIS",
    "\u0418\u0432\u0430\u043d \u0435\u0434\u0435\u0442 \u0432 \u041c\u043e\u0441\u043a\u0432\u0443",
    "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
    "\u4e00\u53ea\u732b\u7684\u7167\u7247",
    "\ud55c\uad6d\uc5b4 \ubb38\uc7a5",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e",
    "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",
    "emoji \U0001f408 \U0001f431\U0001f436",
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467 and flag \U0001f1eb\U0001f1f7",
    "thumbs up \U0001f44d\U0001f3fd",
    "\u2764\ufe0f love",
    "!!!???...",
    "a-b_c/d\\e|f",
    "@user #hashtag $100 50% off & more",
    "(parentheses) [brackets] {braces} <angles>",
    "1234567890",
    "3.14159 is pi, 2,718 is e",
    "1st 2nd 3rd 4th",
    "\u0661\u0662\u0663 \u0967\u0968\u0969 \u2460\u2461",
    "&amp; &lt;tag&gt; &quot;quoted&quot;",
    "&amp;amp; double escaped",
    "Tom &amp; Jerry&#39;s &#x263A; &eacute;t&eacute;",
    "&notanentity; &copy 2024",
    "<b>bold</b> <i>html</i>",
    "https://example.com/path?query=1&x=2",
    "user@example.com",
    "\ufb01nance o\ufb03ce",
    "\uff21\uff22\uff23 \uff11\uff12\uff13 fullwidth",
    "ALL CAPS SENTENCE WITH NUMBERS 42",
    "camelCaseWord snake_case_word kebab-case-word",
    "supercalifragilisticexpialidocious",
    "a red car parked next to a blue bicycle on a rainy street",
    "it's it\u2019s its",
    "<|startoftext|> literal special tokens <|endoftext|>",
    "mixed \u65e5\u672c English \u0440\u0443\u0441\u0441\u043a\u0438\u0439 123 \U0001f600",
    "tab\u00a0non-breaking\u2003em-space",
    "\u0130stanbul \u0131\u015f\u0131k",
    "\u1e9e capital sharp s",
    "zero\u200bwidth\u200bspace",
    "I" * 300,
    " ".join(["word"] * 100),
    "the quick brown fox jumps over the lazy dog " * 12,
    "".join(chr(0x4E00 + i) for i in range(120)),
    "\U0001f600" * 60,
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vocab", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    tokenizer = SimpleTokenizer(args.vocab)
    golden = {
        "reference": "openai/CLIP simple_tokenizer.py port (tools/models/reference_tokenizer.py)",
        "ftfy": ftfy.__version__ if ftfy else "fallback",
        "cases": [{"text": text, "ids": tokenize(tokenizer, text)} for text in CASES],
    }
    assert golden["cases"][0]["ids"] == [49406, 320, 1125, 539, 320, 2368, 49407], golden["cases"][0]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases -> {args.out}")


if __name__ == "__main__":
    main()
