#!/usr/bin/python3
"""Makes an image-only "scanned" copy samples/<name>-scan.pdf of a born-digital PDF.

Each page is rasterised in grey at 300 dpi by pdftoppm, then given what a
sheet-fed office scanner adds: a slight skew (0.3-1.2 degrees), a grey paper
tone, fine noise, a little blur and a few specks, and stored as JPEG (quality
70; Pillow's PDF writer encodes each grey page as DCTDecode) in a PDF
without any text layer. All randomness comes from a generator
seeded with the file name and page number, so the output is byte-identical
from run to run (given the same pdftoppm, Pillow and libjpeg).
"""
import glob
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter

DPI = 300
JPEG_QUALITY = 70
NOISE_AMPLITUDE = 4  # grey levels, peak, before the blur; triangular distribution
BLUR_RADIUS = 1.0
# Fixed PDF dates: Pillow would otherwise stamp the current time.
FIXED_DATE = time.strptime("2025-05-01 12:00:00", "%Y-%m-%d %H:%M:%S")


def seeded(name, page):
    return random.Random(zlib.crc32(f"{name}:{page}".encode("utf-8")))


def noise_image(rng, size):
    """A grey image centred on 128 with triangular noise of NOISE_AMPLITUDE."""
    width, height = size
    count = width * height
    first = Image.frombytes("L", size, rng.randbytes(count))
    second = Image.frombytes("L", size, rng.randbytes(count))
    # (a + b) / 2 of two uniforms is triangular on 0..255 around 127.5.
    summed = ImageChops.add(first, second, scale=2.0)
    lut = [128 + round((v - 127.5) / 127.5 * NOISE_AMPLITUDE) for v in range(256)]
    return summed.point(lut)


def scan_page(page, rng):
    # Paper tone and a toner that never reaches full black.
    page = page.point(lambda v: 18 + v * 228 // 255)
    angle = rng.uniform(0.3, 1.2) * rng.choice((-1, 1))
    shift = (rng.randint(-12, 12), rng.randint(-12, 12))
    page = page.rotate(angle, resample=Image.BICUBIC, translate=shift, fillcolor=246)
    page = ImageChops.add(page, noise_image(rng, page.size), scale=1.0, offset=-128)
    page = page.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for _ in range(rng.randint(15, 40)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.choice((1, 1, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(60, 160))
    return page


def scan(pdf_path, out_path):
    name = os.path.basename(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), pdf_path,
                        os.path.join(tmp, "p")], check=True)
        files = sorted(glob.glob(os.path.join(tmp, "p-*.pgm")),
                       key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
        pages = []
        for number, file in enumerate(files, 1):
            with Image.open(file) as raster:
                pages.append(scan_page(raster.convert("L"), seeded(name, number)))
    pages[0].save(out_path, "PDF", save_all=True, append_images=pages[1:],
                  resolution=float(DPI), quality=JPEG_QUALITY, optimize=True,
                  progressive=True, creationDate=FIXED_DATE, modDate=FIXED_DATE,
                  title=os.path.splitext(name)[0] + " (scan)",
                  author="protokoll samples", creator="protokoll scripts/scan_samples.py",
                  producer="Pillow")


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: scan_samples.py BORN_DIGITAL.pdf...")
    for pdf_path in argv[1:]:
        out_path = pdf_path[:-len(".pdf")] + "-scan.pdf"
        scan(pdf_path, out_path)
        print(f"scanned {out_path} ({os.path.getsize(out_path) // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv)
