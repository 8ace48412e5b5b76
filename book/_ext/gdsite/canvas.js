/* The canvas figures' one look, shared by the playground and the live figures: written once into
   each of their generated scripts after shared.js (gdsite.statics.shared_script), followed by
   `var GD_CANVAS = gdCanvas(GD_LOOK)`, GD_LOOK being the book's palette (gdcore/book/palette.py,
   which the matplotlib figures read too). Colours for the page's theme, type sizes, crisp canvases
   at the device pixel ratio, text with real superscripts, nice ticks, axes and colour bars drawn
   as the static figures draw theirs. A function declaration: both scripts may share a page. */
function gdCanvas(L) {
  "use strict";

  /** The reader's theme: furo's toggle (data-theme on <body>), else the system's. */
  const dark = () => {
    const t = document.body ? document.body.dataset.theme : "";
    if (t === "dark" || t === "light") return t === "dark";
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  };
  /** The page's paper and inks in the reader's theme: paper, ink, muted, faint. */
  const page = () => L.page[dark() ? "dark" : "light"];
  /** A mark's colour (GD_LOOK.marks) where it is drawn: on plain paper (the theme's) or a map. */
  const mark = (role, where) => L.marks[role][where === "map" ? "map" : dark() ? "dark" : "paper"];

  // the figures' own faces first (digits, signs, Latin letters, superscripts drawn plainly, as in
  // the static figures), then common system faces, then the page's (Hangul)
  let family = null;
  const fontFamily = () => {
    if (family === null) {
      const page = document.body ? getComputedStyle(document.body).fontFamily : "";
      const own = L.type.family.map((f) => JSON.stringify(f)).join(", ");
      family = `${own}, "Segoe UI", Roboto, "Helvetica Neue", Arial, ${page || "sans-serif"}`;
    }
    return family;
  };
  /** A CSS font for `kind` (title, label, tick: GD_LOOK.type.canvas, CSS px), times `scale`. */
  const font = (kind, scale = 1, weight = "") =>
    `${weight ? weight + " " : ""}${L.type.canvas[kind] * scale}px ${fontFamily()}`;

  /** Size `canvas` to `w` × `h` CSS px with a backing store of device pixels (crisp on every
      screen); returns its context, drawing in CSS px. */
  function fit(canvas, w, h) {
    const dpr = Math.min(3, window.devicePixelRatio || 1);
    const W = Math.round(w * dpr);
    const H = Math.round(h * dpr);
    if (canvas.width !== W || canvas.height !== H) {
      canvas.width = W;
      canvas.height = H;
    }
    canvas.style.height = h + "px";
    canvas.dataset.dpr = String(dpr);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  // --- text, with exponents as real superscripts ----------------------------------------------
  const SUPS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b\u207a";
  const PLAIN = "0123456789\u2212+";
  /** `s` cut into runs of plain text and of superscript characters (as plain characters). */
  function runs(s) {
    const out = [];
    for (const ch of String(s)) {
      const i = SUPS.indexOf(ch);
      const sup = i >= 0;
      const c = sup ? PLAIN[i] : ch;
      if (out.length && out[out.length - 1].sup === sup) out[out.length - 1].text += c;
      else out.push({ text: c, sup });
    }
    return out;
  }
  /** The fonts :func:`text` draws in: the text's, and its exponents' (smaller, but never under
      the smallest readable size, 12 px). */
  function textFonts(o = {}) {
    const supScale = Math.max(12 / L.type.canvas[o.kind || "tick"], 0.78 * (o.scale || 1));
    return [font(o.kind || "tick", o.scale || 1, o.weight), font(o.kind || "tick", supScale, o.weight)];
  }
  /** The width :func:`text` draws `s` in (`o` as there): exponents measured as drawn, not as the
      font's narrower superscript glyphs. */
  function measure(ctx, s, o = {}) {
    const fonts = textFonts(o);
    ctx.save();
    let width = 0;
    for (const p of runs(s)) {
      ctx.font = fonts[p.sup ? 1 : 0];
      width += ctx.measureText(p.text).width;
    }
    ctx.restore();
    return width;
  }
  /** Write `s` at (x, y) in the font `kind`, its exponents (⁻¹⁰) drawn as superscripts: smaller
      digits raised, never the font's own superscript glyphs. `o`: align (left, center, right),
      baseline (alphabetic, middle, top, bottom), color, scale, weight. Returns its width. */
  function text(ctx, s, x, y, o = {}) {
    const size = L.type.canvas[o.kind || "tick"] * (o.scale || 1);
    const parts = runs(s);
    const fonts = textFonts(o);
    ctx.save();
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    let width = 0;
    for (const p of parts) {
      ctx.font = fonts[p.sup ? 1 : 0];
      p.width = ctx.measureText(p.text).width;
      width += p.width;
    }
    const align = o.align || "left";
    let left = align === "center" ? x - width / 2 : align === "right" ? x - width : x;
    // the alphabetic baseline from the box's: cap height ≈ 0.72 em, descent ≈ 0.22 em
    const base = o.baseline || "alphabetic";
    const shift = { alphabetic: 0, middle: 0.36 * size, top: 0.76 * size, bottom: -0.22 * size }[base] ?? 0;
    ctx.fillStyle = o.color || page().ink;
    for (const p of parts) {
      ctx.font = fonts[p.sup ? 1 : 0];
      ctx.fillText(p.text, left, y + shift - (p.sup ? 0.45 * size : 0));
      left += p.width;
    }
    ctx.restore();
    return width;
  }

  // --- numbers and ticks ------------------------------------------------------------------------
  const minus = (s) => String(s).replace(/-/g, "\u2212");
  const SUP = (s) => String(s).replace(/[\d\u2212-]/g, (c) => SUPS[c === "-" || c === "\u2212" ? 10 : Number(c)]);
  /** A power of ten as the pages print it: 10⁻¹⁰. */
  const power = (e) => "10" + SUP(minus(String(e)));
  /** Ticks for [lo, hi]: about `n` round values and their labels with as many decimals as the
      step needs (a point, never a comma, for a decimal). */
  function ticks(lo, hi, n) {
    if (!(hi > lo)) return [[lo, minus(String(lo))]];
    const raw = (hi - lo) / n;
    let step = Math.pow(10, Math.floor(Math.log10(raw)));
    const r = raw / step;
    step *= r >= 7.5 ? 10 : r >= 3.5 ? 5 : r >= 1.5 ? 2 : 1;
    const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    const out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
      const t = Math.abs(v) < step * 1e-9 ? 0 : v;
      const big = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5 && t !== 0;
      let s;
      if (big) {
        const [m, e] = t.toExponential(2).split("e");
        s = minus(String(Number(m))) + "\u00d7" + power(Number(e));
      } else s = minus(t.toFixed(digits));
      out.push([t, s]);
    }
    return out;
  }

  // --- axes and colour bars ---------------------------------------------------------------------
  /** Left and bottom spines with outward ticks and their labels, for a plot box (x0, y0, w, h) in
      CSS px: `xt`, `yt` are [pixel, label] pairs; `xlabel` under the ticks, `ylabel` upright
      above the box's top-left corner (as the static figures: gdcore.book.style.upright_labels); `frame`: all four sides (a map's edge). Returns the label boxes' extent. */
  function axes(ctx, box, o) {
    const c = page();
    const { x0, y0, w, h } = box;
    const T = L.axes.tick_length;
    ctx.save();
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = L.axes.spine_width;
    ctx.beginPath();
    if (o.frame) ctx.rect(x0 - 0.5, y0 - 0.5, w + 1, h + 1);
    else {
      ctx.moveTo(x0 - 0.5, y0);
      ctx.lineTo(x0 - 0.5, y0 + h + 0.5);
      ctx.lineTo(x0 + w, y0 + h + 0.5);
    }
    ctx.stroke();
    ctx.lineWidth = L.axes.tick_width;
    ctx.beginPath();
    for (const [px] of o.xt || []) {
      const u = Math.round(px) + 0.5;
      ctx.moveTo(u, y0 + h + 0.5);
      ctx.lineTo(u, y0 + h + 0.5 + T);
    }
    for (const [py] of o.yt || []) {
      const v = Math.round(py) + 0.5;
      ctx.moveTo(x0 - 0.5, v);
      ctx.lineTo(x0 - 0.5 - T, v);
    }
    ctx.stroke();
    ctx.restore();
    const tick = L.type.canvas.tick;
    for (const [px, s] of o.xt || []) {
      if (s) text(ctx, s, px, y0 + h + T + 3, { baseline: "top", align: "center", color: c.ink });
    }
    let widest = 0;
    for (const [py, s] of o.yt || []) {
      if (s) widest = Math.max(widest, text(ctx, s, x0 - T - 4, py, { baseline: "middle", align: "right", color: c.ink }));
    }
    if (o.xlabel) {
      text(ctx, o.xlabel, x0 + w / 2, y0 + h + T + 6 + tick * 1.15, { kind: "label", baseline: "top", align: "center", color: c.ink });
    }
    if (o.ylabel) {
      text(ctx, o.ylabel, x0, y0 - L.axes.label_gap, { kind: "label", baseline: "bottom", align: "left", color: c.ink });
    }
  }

  /** The margins a plot box needs round it for `axes` (tick labels `yLabels` widest) and, with
      `bar`, a colour bar on the right. CSS px. */
  function margins(ctx, yLabels, o = {}) {
    const widest = Math.max(0, ...yLabels.map((s) => measure(ctx, s)));
    const T = L.axes.tick_length;
    const tick = L.type.canvas.tick;
    const lab = L.type.canvas.label;
    return {
      left: Math.ceil(T + 4 + widest + 2),
      bottom: Math.ceil(T + 3 + tick * 1.15 + (o.xlabel ? 4 + lab * 1.25 : 2)),
      // an upright y label (or the colour bar's) sits above the box
      top: Math.ceil(Math.max(o.top ?? tick * 0.6, o.ylabel || o.barLabel ? L.axes.label_gap + lab * 1.25 : 0)),
      right: Math.ceil(o.bar ? 10 + L.axes.colorbar_width + T + 4 + o.bar : (o.right ?? 8)),
    };
  }

  let strip = null;
  /** The colour map as a 1 × n image, highest value on top. */
  function colormapStrip() {
    if (strip) return strip;
    const rgb = L.colormap.rgb;
    strip = document.createElement("canvas");
    strip.width = 1;
    strip.height = rgb.length;
    const img = new ImageData(1, rgb.length);
    rgb.forEach((c, i) => img.data.set([c[0], c[1], c[2], 255], (rgb.length - 1 - i) * 4));
    strip.getContext("2d").putImageData(img, 0, 0);
    return strip;
  }
  /** The colour of value `t` in [0, 1] on the colour map, as [r, g, b]. */
  const colormap = (t) => {
    const rgb = L.colormap.rgb;
    return rgb[Math.round(Math.min(1, Math.max(0, t)) * (rgb.length - 1))];
  };

  /** A colour bar at (x, y), `h` tall, for values [lo, hi], with its ticks beside it and its
      label upright above it, as the static figures draw theirs. */
  function colorbar(ctx, x, y, h, lo, hi, label) {
    const c = page();
    const W = L.axes.colorbar_width;
    const T = L.axes.tick_length;
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(colormapStrip(), x, y, W, h);
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = L.axes.spine_width;
    ctx.strokeRect(x + 0.5, y + 0.5, W - 1, h - 1);
    ctx.beginPath();
    const marks = ticks(lo, hi, Math.max(3, Math.round(h / 60)));
    for (const [v] of marks) {
      const py = Math.round(y + h - ((v - lo) / (hi - lo)) * h) + 0.5;
      ctx.moveTo(x + W, py);
      ctx.lineTo(x + W + T, py);
    }
    ctx.stroke();
    ctx.restore();
    let widest = 0;
    for (const [v, s] of marks) {
      const py = y + h - ((v - lo) / (hi - lo)) * h;
      widest = Math.max(widest, text(ctx, s, x + W + T + 3, py, { baseline: "middle", color: c.ink }));
    }
    if (label) { // upright above the bar, centred on it, kept inside the canvas
      const half = measure(ctx, label, { kind: "label" }) / 2;
      const edge = (ctx.canvas.clientWidth || ctx.canvas.width) - 2;
      const cx = Math.min(x + W / 2, edge - half);
      text(ctx, label, cx, y - L.axes.label_gap, { kind: "label", baseline: "bottom", align: "center", color: c.ink });
    }
  }

  // --- marks ------------------------------------------------------------------------------------
  /** A polyline `pts` (CSS px) in `role`'s colour; on a map with the outline's halo under it.
      `o`: width, dash; `halo: false` draws the line alone, `only: "halo"` its halo alone (several
      lines drawn halos first, then lines: no halo covers another line). */
  function path(ctx, pts, role, where, o = {}) {
    const trace = () => {
      ctx.beginPath();
      pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    };
    const width = o.width || 2;
    ctx.save();
    ctx.lineJoin = "round";
    ctx.lineCap = "round";
    if (where === "map" && o.halo !== false) {
      ctx.strokeStyle = L.outline;
      ctx.lineWidth = width + 2 * L.halo;
      ctx.setLineDash(o.dash ? o.dash.map((d) => d) : []);
      trace();
      ctx.stroke();
    }
    if (o.only === "halo") {
      ctx.restore();
      return;
    }
    ctx.strokeStyle = mark(role, where);
    ctx.lineWidth = width;
    ctx.setLineDash(o.dash || []);
    trace();
    ctx.stroke();
    ctx.restore();
  }
  /** A marker: `shape` square (a start), circle (an end), diamond (a second run's end), down or up
      (a minimum, a maximum), filled with `role`'s colour and outlined; `hollow`, a ring in that
      colour over its outline, what lies under it seen through it. */
  function marker(ctx, x, y, role, shape, where, size = 7, hollow = false) {
    ctx.save();
    ctx.beginPath();
    const r = size;
    if (shape === "square") ctx.rect(x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
    else if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.15);
      ctx.lineTo(x + r * 1.15, y);
      ctx.lineTo(x, y + r * 1.15);
      ctx.lineTo(x - r * 1.15, y);
      ctx.closePath();
    } else if (shape === "down" || shape === "up") {
      const s = shape === "down" ? 1 : -1;
      ctx.moveTo(x - r, y - s * r * 0.75);
      ctx.lineTo(x + r, y - s * r * 0.75);
      ctx.lineTo(x, y + s * r);
      ctx.closePath();
    } else ctx.arc(x, y, r, 0, 2 * Math.PI);
    const color = typeof role === "string" && role.startsWith("#") ? role : mark(role, where);
    const edge = where === "map" || !dark() ? L.outline : page().ink;
    ctx.lineJoin = "round";
    if (hollow) {
      ctx.lineWidth = 2 + 2 * L.halo;
      ctx.strokeStyle = edge;
      ctx.stroke();
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = edge;
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Set an element's text, its exponents (⁻¹⁰) wrapped in <span class="gd-sup"> so that a face
      with plain superscript glyphs draws them, and its Greek letters and signs (η, λ, ‖∇f‖, ∂) in
      <span class="gd-sym"> for a face that draws them as mathematics does (Korean faces draw η
      like ŋ, ∇ as a wide triangle and ‖ full width). The text stays the same characters. */
  /** Contour lines (marching squares) of the values ``z`` on an ``n`` × ``n`` grid of nodes (row
      0 the top row; the corner nodes on the box's corners, as numpy's linspace) at ``levels``,
      across ``box`` (CSS px), in the map's outline colour, faint, as the static figures draw
      theirs (gdcore.book.plots). */
  function contours(ctx, z, n, levels, box, alpha = 0.5) {
    const kx = box.w / (n - 1);
    const ky = box.h / (n - 1);
    ctx.save();
    ctx.strokeStyle = L.outline;
    ctx.globalAlpha = alpha;
    ctx.lineWidth = 0.6;
    ctx.beginPath();
    const cut = new Float64Array(8);
    for (const level of levels) {
      for (let j = 0; j < n - 1; j++) {
        for (let i = 0; i < n - 1; i++) {
          const c = [z[j * n + i], z[j * n + i + 1], z[(j + 1) * n + i + 1], z[(j + 1) * n + i]];
          const above = (c[0] > level) + (c[1] > level) + (c[2] > level) + (c[3] > level);
          if (above === 0 || above === 4) continue;
          let m = 0;
          // the cell's edges in turn: top, right, bottom, left (corner e to corner e + 1)
          for (let e = 0; e < 4; e++) {
            const u = c[e];
            const w = c[(e + 1) % 4];
            if (u > level === w > level) continue;
            const f = (level - u) / (w - u);
            const x = e === 0 ? i + f : e === 1 ? i + 1 : e === 2 ? i + 1 - f : i;
            const y = e === 0 ? j : e === 1 ? j + f : e === 2 ? j + 1 : j + 1 - f;
            cut[m++] = box.x0 + x * kx;
            cut[m++] = box.y0 + y * ky;
          }
          for (let q = 0; q + 3 < m; q += 4) {
            ctx.moveTo(cut[q], cut[q + 1]);
            ctx.lineTo(cut[q + 2], cut[q + 3]);
          }
        }
      }
    }
    ctx.stroke();
    ctx.restore();
  }

  function setText(el, s) {
    el.textContent = "";
    const span = (cls, text) => {
      const e = document.createElement("span");
      e.className = cls;
      e.textContent = text;
      return e;
    };
    for (const p of runs(s)) {
      if (p.sup) {
        el.append(span("gd-sup", SUP(p.text)));
        continue;
      }
      for (const piece of p.text.split(/([\u0370-\u03ff\u2016\u2207\u2202]+)/)) {
        if (!piece) continue;
        el.append(/[\u0370-\u03ff\u2016\u2207\u2202]/.test(piece) ? span("gd-sym", piece) : piece);
      }
    }
  }

  return { dark, page, mark, font, fit, text, measure, runs, setText, minus, power, ticks, axes, margins, colorbar, colormap, colormapStrip, contours, path, marker, look: L };
}
