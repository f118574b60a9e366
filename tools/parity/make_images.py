#!/usr/bin/python3
"""Makes the parity test images in code (no photos needed): photo-like gradients and shapes in
every supported format plus the odd cases (EXIF-rotated, CMYK, grayscale, 16-bit, alpha, palette,
1x1, 5000x300). Deterministic: the same bytes on every run with the same Pillow."""
import os

import numpy as np
from PIL import Image, ImageDraw


def photo(w: int, h: int, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = 255 * (x / max(w - 1, 1))
    g = 255 * (y / max(h - 1, 1))
    b = 127 + 100 * np.sin(x / 23.0 + seed) * np.cos(y / 17.0)
    arr = np.stack([r, g, b], axis=-1) + rng.normal(0, 2, (h, w, 3))
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(im)
    for i in range(6):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        s = int(rng.integers(max(2, min(w, h) // 10), max(3, min(w, h) // 3)))
        color = tuple(int(c) for c in rng.integers(0, 256, 3))
        if i % 2:
            d.ellipse([x0, y0, x0 + s, y0 + s], fill=color)
        else:
            d.rectangle([x0, y0, x0 + s, y0 + s // 2], fill=color, outline=(0, 0, 0))
    return im


def with_orientation(im: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


def main(out: str) -> None:
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)  # noqa: E731
    photo(640, 480, 1).save(p("photo_baseline.jpg"), quality=92)
    photo(500, 375, 2).save(p("photo_progressive.jpg"), quality=90, progressive=True)
    photo(320, 240, 3).convert("CMYK").save(p("cmyk.jpg"), quality=95)
    photo(300, 400, 4).convert("L").save(p("gray.jpg"), quality=92)
    photo(257, 193, 5).convert("L").save(p("gray.png"))
    g16 = (np.asarray(photo(200, 150, 6).convert("L"), dtype=np.uint16) * 257 + 77).astype(np.uint16)
    Image.fromarray(g16, "I;16").save(p("gray16.png"))
    rgba = photo(200, 200, 7).convert("RGBA")
    alpha = np.tile(np.linspace(0, 255, 200, dtype=np.uint8), (200, 1))
    rgba.putalpha(Image.fromarray(alpha, "L"))
    rgba.save(p("alpha_rgba.png"))
    la = photo(240, 160, 8).convert("L")
    la.putalpha(Image.fromarray(np.tile(np.linspace(255, 0, 240, dtype=np.uint8), (160, 1)), "L"))
    la.save(p("alpha_gray.png"))
    photo(320, 200, 9).quantize(64).save(p("palette.png"))
    gif = photo(200, 200, 10).quantize(32)
    gif.info["transparency"] = 0
    frames = [gif, photo(200, 200, 11).quantize(32)]
    frames[0].save(p("animated.gif"), save_all=True, append_images=frames[1:], duration=100, loop=0, transparency=0)
    photo(151, 101, 12).save(p("photo.bmp"))
    photo(180, 130, 13).save(p("photo_lzw.tiff"), compression="tiff_lzw")
    photo(180, 140, 14).save(p("photo_lossless.webp"), lossless=True)
    photo(300, 220, 15).save(p("photo_lossy.webp"), quality=90)
    for orientation in (3, 6, 8):
        im = photo(400, 240, 20 + orientation)
        im.save(p(f"exif_orientation{orientation}.jpg"), quality=92, exif=with_orientation(im, orientation))
    photo(1, 1, 30).save(p("one_pixel.png"))
    photo(5000, 300, 31).resize((5000, 300)).save(p("wide_5000x300.jpg"), quality=85)
    photo(300, 1200, 32).save(p("tall_300x1200.jpg"), quality=85)
    photo(100, 80, 33).save(p("small_upscaled.png"))
    photo(224, 224, 34).quantize(256).convert("RGB").save(p("exact_224.png"))
    photo(256, 256, 35).quantize(256).convert("RGB").save(p("exact_256.png"))
    checker = (np.indices((333, 333)).sum(axis=0) % 2 * 255).astype(np.uint8)
    Image.fromarray(checker, "L").convert("1").save(p("checker_bilevel.png"))


if __name__ == "__main__":
    import sys

    main(sys.argv[1])
