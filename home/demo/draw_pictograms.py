"""Draws the demo's easy-read pictograms (files/easy-read-*.png): simple, bold shapes on
white, one idea each. Run again after a change: `python -m home.demo.draw_pictograms`."""

from pathlib import Path

from PIL import Image, ImageDraw

FILES_DIR = Path(__file__).parent / "files"

SIZE = 240
INK = (11, 85, 99)  # the site's teal
WIDTH = 12


def _canvas():
    image = Image.new("RGB", (SIZE, SIZE), "white")
    return image, ImageDraw.Draw(image)


def person(d):
    d.ellipse((85, 30, 155, 100), outline=INK, width=WIDTH)
    d.arc((45, 115, 195, 265), 180, 360, fill=INK, width=WIDTH)
    d.line((45, 190, 195, 190), fill=INK, width=WIDTH)


def phone(d):
    d.rounded_rectangle((75, 25, 165, 215), radius=18, outline=INK, width=WIDTH)
    d.line((100, 185, 140, 185), fill=INK, width=WIDTH)
    d.line((105, 50, 135, 50), fill=INK, width=8)


def school(d):
    d.polygon(((30, 100), (120, 35), (210, 100)), outline=INK, width=WIDTH)
    d.rectangle((45, 100, 195, 210), outline=INK, width=WIDTH)
    d.rectangle((100, 145, 140, 210), fill=INK)
    d.ellipse((105, 62, 135, 92), fill=INK)


def document(d):
    d.polygon(((55, 25), (150, 25), (185, 60), (185, 215), (55, 215)), outline=INK, width=WIDTH)
    for y in (85, 120, 155, 190):
        d.line((80, y, 160, y), fill=INK, width=8)


def question(d):
    d.arc((65, 30, 175, 140), 190, 90, fill=INK, width=20)
    d.line((120, 140, 120, 165), fill=INK, width=20)
    d.ellipse((108, 185, 132, 209), fill=INK)


def speech(d):
    d.rounded_rectangle((25, 40, 215, 165), radius=30, outline=INK, width=WIDTH)
    d.polygon(((70, 160), (110, 160), (60, 215)), fill=INK)
    for x in (80, 120, 160):
        d.ellipse((x - 10, 92, x + 10, 112), fill=INK)


def calendar(d):
    d.rectangle((35, 50, 205, 210), outline=INK, width=WIDTH)
    d.rectangle((35, 50, 205, 90), fill=INK)
    for x in (75, 165):
        d.line((x, 25, x, 65), fill=INK, width=WIDTH)
    for row in range(2):
        for col in range(3):
            x, y = 65 + col * 45, 115 + row * 45
            d.rectangle((x, y, x + 22, y + 22), fill=INK)


def tick(d):
    d.ellipse((25, 25, 215, 215), outline=INK, width=WIDTH)
    d.line(((70, 125), (105, 160), (170, 85)), fill=INK, width=20, joint="curve")


DRAWINGS = {
    "person": person,
    "phone": phone,
    "school": school,
    "document": document,
    "question": question,
    "speech": speech,
    "calendar": calendar,
    "tick": tick,
}


def main() -> None:
    for name, draw in DRAWINGS.items():
        image, d = _canvas()
        draw(d)
        image.save(FILES_DIR / f"easy-read-{name}.png", optimize=True)


if __name__ == "__main__":
    main()
