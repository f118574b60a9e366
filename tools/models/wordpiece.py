"""BERT WordPiece for the multilingual text encoder: a generated stand-in vocabulary, its
tokenizer.json (the layout Hugging Face tokenizers writes for bert-base-multilingual-cased), and a
hand-written reference tokenizer that the parity goldens are made with.

The real vocabulary (119547 tokens) cannot be downloaded on the build machines, so the stand-ins
use a generated one: the special tokens at their real ids, single characters of several scripts
(each also as a `##` continuation), some CJK ideographs, and a few whole words and suffixes.
"""
import json
import unicodedata
from typing import Dict, List

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
MAX_LENGTH = 128  # sentence-transformers' max_seq_length for clip-ViT-B-32-multilingual-v1
MAX_CHARS_PER_WORD = 100

WORDS = (
    "a an the photo of red flower flowers cat dog beach sunset house tree car blue green "
    "une un le la les des de du fleur fleurs rouge chat chien plage coucher soleil maison arbre voiture "
    "eine ein die der das rote Blume Katze Hund Strand Haus Baum "
    "una el los flor roja gato perro playa casa árbol coche "
    "цветок красный красная кошка собака пляж дом дерево "
    "وردة حمراء قطة كلب شاطئ "
    "##s ##es ##e ##en ##er ##ing ##ed ##ment ##tion ##é ##ée ##а ##и ##ы"
).split()
# Common ideographs (flower, red, cat, dog, sea, sun, mountain, person, car, tree, house, ...) beyond
# the first block of the CJK range that is taken whole.
CJK_EXTRA = "花红紅猫貓狗海太阳陽山人车車树樹房屋日本中国國水火天空白黑色雪桥橋夜"


def _char_ranges() -> List[range]:
    return [
        range(0x21, 0x7F),  # ASCII printable
        range(0xC0, 0x180),  # Latin-1 letters, Latin Extended-A (accents)
        range(0x391, 0x3CA),  # Greek
        range(0x401, 0x460),  # Cyrillic
        range(0x5D0, 0x5EB),  # Hebrew
        range(0x621, 0x64B),  # Arabic letters
        range(0x3041, 0x3097),  # Hiragana
        range(0x30A1, 0x30FB),  # Katakana
    ]


def generate_vocab() -> List[str]:
    """The stand-in vocabulary in id order: [PAD]=0, [UNK]=100, [CLS]=101, [SEP]=102, [MASK]=103."""
    vocab = [PAD] + [f"[unused{i}]" for i in range(1, 100)] + [UNK, CLS, SEP, MASK]
    seen = set(vocab)

    def add(token: str) -> None:
        if token not in seen:
            seen.add(token)
            vocab.append(token)

    for r in _char_ranges():
        for cp in r:
            c = chr(cp)
            if unicodedata.category(c).startswith(("L", "N", "P", "S", "M")):
                add(c)
                if not is_punctuation(c):
                    add("##" + c)
    for cp in range(0x4E00, 0x4E00 + 800):
        add(chr(cp))
    for c in CJK_EXTRA:
        add(c)
    for w in WORDS:
        add(w)
    return vocab


def tokenizer_json(vocab: List[str]) -> dict:
    """tokenizer.json as Hugging Face tokenizers writes a cased multilingual BERT tokenizer."""
    ids = {t: i for i, t in enumerate(vocab)}
    specials = [
        {"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for t in (PAD, UNK, CLS, SEP, MASK)
    ]

    def special(t: str) -> dict:
        return {"SpecialToken": {"id": t, "type_id": 0}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": sorted(specials, key=lambda s: s["id"]),
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": False},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special(CLS), {"Sequence": {"id": "A", "type_id": 0}}, special(SEP)],
            "pair": [special(CLS), {"Sequence": {"id": "A", "type_id": 0}}, special(SEP),
                     {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": SEP, "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in (CLS, SEP)},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": UNK, "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": MAX_CHARS_PER_WORD, "vocab": ids},
    }


def write_tokenizer(path: str, vocab: List[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(vocab), f, ensure_ascii=False)


def read_vocab(tokenizer_path: str) -> Dict[str, int]:
    with open(tokenizer_path, encoding="utf-8") as f:
        return json.load(f)["model"]["vocab"]


# --- Reference tokenizer: Google BERT's BasicTokenizer (cased) + WordPiece, written out by hand. ---


def is_whitespace(c: str) -> bool:
    return c in " \t\n\r" or unicodedata.category(c) == "Zs"


def is_control(c: str) -> bool:
    return c not in "\t\n\r" and unicodedata.category(c).startswith("C")


def is_punctuation(c: str) -> bool:
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def is_chinese(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokens(text: str) -> List[str]:
    out = []
    for c in text:
        if ord(c) == 0 or ord(c) == 0xFFFD or is_control(c):
            continue
        if is_whitespace(c):
            out.append(" ")
        elif is_chinese(ord(c)):
            out.append(f" {c} ")
        else:
            out.append(c)
    tokens = []
    for word in "".join(out).split():
        current = ""
        for c in word:
            if is_punctuation(c):
                if current:
                    tokens.append(current)
                tokens.append(c)
                current = ""
            else:
                current += c
        if current:
            tokens.append(current)
    return tokens


def wordpiece(word: str, vocab: Dict[str, int]) -> List[int]:
    if len(word) > MAX_CHARS_PER_WORD:
        return [vocab[UNK]]
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = ("##" if start > 0 else "") + word[start:end]
            if piece in vocab:
                ids.append(vocab[piece])
                break
            end -= 1
        if end == start:
            return [vocab[UNK]]
        start = end
    return ids


def encode(text: str, vocab: Dict[str, int]) -> List[int]:
    """[CLS] ids [SEP], at most MAX_LENGTH ids in all (the text's tokens are cut)."""
    ids = [i for w in basic_tokens(text) for i in wordpiece(w, vocab)]
    return [vocab[CLS]] + ids[: MAX_LENGTH - 2] + [vocab[SEP]]
