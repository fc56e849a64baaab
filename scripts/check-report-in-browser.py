#!/usr/bin/env python3
"""Renders FloatLab reports in headless Chromium and fails when a plot is
missing, blank or empty, or when text inside a plot overlaps.

For each HTML page given:
  * the whole page is rendered to PAGE.png (for a person to look at);
  * every <figure> must hold one <svg>; each SVG is rendered on its own (in
    stacks of figures), and rendered again with its data group
    (<g class="data">) emptied: the two screenshots must differ in enough
    pixels (the data is drawn and visible), and the first must not be blank;
  * Chromium lays out every figure's text (getBBox in the browser), and no two
    text boxes of one figure may overlap.
Usage: check-report-in-browser.py OUTDIR PAGE.html [PAGE.html ...]
"""
import json, os, re, shutil, subprocess, sys, tempfile
from PIL import Image, ImageChops

MIN_DATA_PIXELS = 150      # pixels the data must change
MIN_INK_FRACTION = 0.01    # share of non-white pixels of a whole figure


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check-report: no chromium on PATH (make report-check installs Debian's chromium)")


def run(args, timeout=120):
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--force-device-scale-factor=1"] + args, capture_output=True, text=True, timeout=timeout)


def screenshot(html_path, png_path, width, height):
    run([f"--screenshot={png_path}", f"--window-size={width},{height}", "file://" + os.path.abspath(html_path)])
    if not os.path.exists(png_path):
        sys.exit(f"check-report: chromium wrote no screenshot of {html_path}")
    return Image.open(png_path).convert("RGB")


def standalone(svg):
    return "<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0;background:#fff}</style></head><body>" + svg + "</body></html>"


OVERLAP_SCRIPT = """
<script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('svg.figure').forEach(function (svg, i) {
    var boxes = [];
    svg.querySelectorAll('text').forEach(function (t) {
      if (!t.textContent.trim()) return;
      var b = t.getBoundingClientRect();
      boxes.push({x: b.left, y: b.top, w: b.width, h: b.height, text: t.textContent});
    });
    for (var a = 0; a < boxes.length; a++) for (var b = a + 1; b < boxes.length; b++) {
      var p = boxes[a], q = boxes[b];
      var ix = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
      var iy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
      if (ix > 1 && iy > 1) out.push({figure: i + 1, a: p.text, b: q.text, area: ix * iy});
    }
  });
  var pre = document.createElement('pre'); pre.id = 'overlaps'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def overlaps(page, work):
    html = open(page, encoding="utf-8").read().replace("</body>", OVERLAP_SCRIPT + "</body>")
    path = os.path.join(work, "overlap.html")
    open(path, "w", encoding="utf-8").write(html)
    dom = run(["--virtual-time-budget=5000", "--dump-dom", "file://" + path]).stdout
    m = re.search(r'<pre id="overlaps">(.*?)</pre>', dom, re.S)
    if not m:
        sys.exit(f"check-report: the overlap probe did not run in chromium for {page}")
    text = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return json.loads(text)


def check(page, outdir):
    name = os.path.splitext(os.path.basename(page))[0]
    html = open(page, encoding="utf-8").read()
    figures = re.findall(r"<figure[^>]*>(.*?)</figure>", html, re.S)
    failures = []
    if not figures:
        failures.append("no figures in the page")
    work = tempfile.mkdtemp(prefix="floatlab-report-check-")
    rows = []
    full_height = 200 + 30 * html.count("<tr>") + sum(int(float(h)) + 120 for h in re.findall(r'<svg [^>]*height="([0-9.]+)"', html))
    page_png = os.path.join(outdir, f"{name}.png")
    screenshot(page, page_png, 1100, min(full_height, 60000))
    # Every figure's SVG, alone, stacked in pages of at most 10000 px: rendered once
    # as it is and once with its data layer emptied, then cut apart at the known offsets.
    items = []
    for i, fig in enumerate(figures, 1):
        svgs = re.findall(r"<svg .*?</svg>", fig, re.S)
        title = re.search(r"<title>(.*?)</title>", fig)
        title = title.group(1) if title else "?"
        if len(svgs) != 1:
            failures.append(f"figure {i} ({title}): {len(svgs)} SVG elements, expected 1")
            continue
        svg = svgs[0]
        w = int(float(re.search(r'width="([0-9.]+)"', svg).group(1)))
        h = int(float(re.search(r'height="([0-9.]+)"', svg).group(1)))
        items.append((i, title, w, h, svg))
    batches, batch, used = [], [], 0
    for item in items:
        if batch and used + item[3] > 10000:
            batches.append(batch)
            batch, used = [], 0
        batch.append(item)
        used += item[3]
    if batch:
        batches.append(batch)
    for k, batch in enumerate(batches):
        width = max(it[2] for it in batch)
        height = sum(it[3] for it in batch)
        def stack(strip):
            return standalone("".join(f'<div style="width:{it[2]}px;height:{it[3]}px;overflow:hidden">'
                                      + (re.sub(r'(<g clip-path="[^"]*" class="data">).*?(</g>)', r"\1\2", it[4], flags=re.S) if strip else it[4])
                                      + "</div>" for it in batch)).replace("<svg ", '<svg style="display:block" ')
        paths = []
        for strip in (False, True):
            path = os.path.join(work, f"batch{k}{'-nodata' if strip else ''}.html")
            open(path, "w", encoding="utf-8").write(stack(strip))
            paths.append(screenshot(path, path + ".png", width, height))
        full, bare = paths
        y = 0
        for i, title, w, h, svg in batch:
            a = full.crop((0, y, w, y + h))
            b = bare.crop((0, y, w, y + h))
            y += h
            a.save(os.path.join(outdir, f"{name}-figure-{i}.png"))
            white = Image.new("RGB", a.size, (255, 255, 255))
            ink = 1 - ImageChops.difference(a, white).convert("L").histogram()[0] / (w * h)
            data_pixels = sum(ImageChops.difference(a, b).convert("L").histogram()[25:])
            ok = ink >= MIN_INK_FRACTION and data_pixels >= MIN_DATA_PIXELS and "no data</text>" not in svg
            rows.append((i, title, w, h, ink, data_pixels, ok))
            if not ok:
                failures.append(f"figure {i} ({title}): blank or empty (ink {ink:.1%}, {data_pixels} data pixels)")
    for o in overlaps(page, work):
        failures.append(f"figure {o['figure']}: text '{o['a']}' overlaps '{o['b']}' ({o['area']:.0f} px²)")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{page}: {len(figures)} figures, page screenshot {page_png}")
    print(f"  {'#':>3}  {'size':>9}  {'ink':>6}  {'data px':>8}  title")
    for i, title, w, h, ink, px, ok in rows:
        print(f"  {i:>3}  {w:>4}×{h:<4}  {ink:>6.1%}  {px:>8}  {title}{'' if ok else '   <-- FAILS'}")
    return failures


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    failures = []
    for page in sys.argv[2:]:
        failures += [f"{page}: {f}" for f in check(page, outdir)]
    for f in failures:
        print("FAIL " + f)
    if failures:
        sys.exit(1)
    print("report-check: every figure rendered with its data, no overlapping text")


if __name__ == "__main__":
    main()
