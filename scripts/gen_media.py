"""Generates the sample newsroom's illustrative images (content/media/).

Abstract scenes drawn from simple shapes, so that the sample carries no
photo from anywhere else. Run once; the outputs are committed.
    pip install pillow && python3 scripts/gen_media.py
"""
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "content" / "media"

SCENES = {
    # name: (sky top, sky bottom, ground, accent)
    "hoi-nghi": ((40, 70, 120), (150, 180, 220), (120, 40, 40), (230, 200, 80)),
    "dong-lua": ((120, 180, 230), (220, 235, 245), (90, 150, 60), (230, 210, 90)),
    "nha-may": ((90, 110, 140), (200, 205, 215), (110, 110, 115), (220, 120, 60)),
    "truong-hoc": ((110, 170, 220), (230, 240, 250), (190, 150, 90), (200, 40, 40)),
    "tram-y-te": ((160, 200, 230), (240, 245, 250), (220, 225, 230), (30, 140, 90)),
    "le-hoi": ((200, 90, 60), (250, 200, 120), (150, 60, 40), (250, 230, 120)),
    "bong-da": ((60, 120, 200), (170, 210, 240), (50, 140, 60), (250, 250, 250)),
    "dan-quan": ((80, 120, 90), (180, 200, 170), (90, 100, 60), (200, 50, 40)),
    "song-chau": ((100, 160, 210), (210, 230, 240), (70, 120, 150), (240, 240, 230)),
    "cho-que": ((230, 170, 100), (250, 230, 190), (160, 110, 70), (60, 120, 70)),
    "duong-moi": ((120, 170, 220), (225, 235, 245), (80, 80, 85), (250, 250, 250)),
    "thu-vien": ((140, 100, 70), (220, 190, 150), (100, 70, 50), (240, 220, 170)),
}


def gradient(size, top, bottom):
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(h - 1, 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (w, y)], fill=colour)
    return img


def scene(name, palette, size, seed):
    rnd = random.Random(seed)
    top, bottom, ground, accent = palette
    w, h = size
    img = gradient(size, top, bottom)
    draw = ImageDraw.Draw(img)
    horizon = int(h * rnd.uniform(0.55, 0.7))
    # Rolling ground.
    points = [(0, h), (0, horizon)]
    for x in range(0, w + 40, 40):
        points.append((x, horizon + int(12 * rnd.uniform(-1, 1))))
    points.append((w, h))
    draw.polygon(points, fill=ground)
    # Buildings, trees or people as simple blocks.
    for _ in range(rnd.randint(5, 9)):
        bw = rnd.randint(w // 16, w // 7)
        bh = rnd.randint(h // 8, h // 3)
        x = rnd.randint(0, w - bw)
        shade = tuple(max(0, min(255, c + rnd.randint(-40, 40))) for c in ground)
        draw.rectangle([x, horizon - bh, x + bw, horizon + 6], fill=shade)
        for wy in range(horizon - bh + 10, horizon - 10, 22):
            for wx in range(x + 8, x + bw - 12, 20):
                if rnd.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 8, wy + 10], fill=accent)
    # A sun or a lamp.
    r = rnd.randint(h // 14, h // 9)
    cx, cy = rnd.randint(r, w - r), rnd.randint(r, horizon // 2)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=accent)
    return img.filter(ImageFilter.SMOOTH)


def logo(path):
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([8, 8, 248, 248], fill=(179, 38, 30, 255))
    # A stylised loudspeaker: the town radio.
    draw.polygon([(70, 105), (110, 105), (170, 60), (170, 196), (110, 151), (70, 151)], fill=(255, 255, 255, 255))
    draw.arc([150, 90, 210, 166], start=-60, end=60, fill=(255, 255, 255, 255), width=10)
    img.save(path, optimize=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for i, (name, palette) in enumerate(sorted(SCENES.items())):
        size = (800, 1000) if name == "thu-vien" else (1200, 675)
        scene(name, palette, size, seed=i).save(OUT / f"{name}.jpg", quality=72, optimize=True, progressive=True)
    logo(OUT / "logo.png")


if __name__ == "__main__":
    main()
