/* The live figures inside the lessons. GD_LIVE_KERNELS, GD_LIVE_UPDATE, GD_LIVE_BASIN (and the
   heavy ball's, GD_LIVE_BASIN_MOMENTUM) and GD_LIVE_DATA come first in the same file, generated
   by gdcore (gdcore/book/live.py), then
   GD_SHARED (shared.js: a run's regime as gdcore.outcome defines it, its sentence, the epochs
   parser) and GD_CANVAS (canvas.js over GD_LOOK, the book's palette: colours, type sizes, axes
   and colour bars as the static figures draw them); the words come from each figure (data-text,
   in the page's language). The same file is the basin map's Web Worker. Each figure's state is
   on its root element as data- attributes. */
(function () {
  "use strict";
  const D = GD_LIVE_DATA;

  // --- the basin of one end point: as gdcore.basins labels it --------------------------------------
  // labels: the minimum's index, or none: -1 (the run ends on the map), -4 (it ends outside
  // the map), -3 (it diverged); -2 (on the page) not computed yet
  function basinOf(r, B) {
    if (r[2] === 2) return -3; // diverged
    const [[x0, x1], [y0, y1]] = B.domain;
    if (!(x0 <= r[0] && r[0] <= x1 && y0 <= r[1] && r[1] <= y1)) return -4;
    let best = -1;
    let dist = Infinity;
    for (let m = 0; m < B.minima.length; m++) {
      const dx = r[0] - B.minima[m][0];
      const dy = r[1] - B.minima[m][1];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d < dist) {
        dist = d;
        best = m;
      }
    }
    return dist <= B.radius ? best : -1;
  }

  function axis(B, i, k) {
    const [lo, hi] = B.domain[k];
    return i === B.grid - 1 ? hi : i * ((hi - lo) / (B.grid - 1)) + lo; // as numpy's linspace
  }

  // --- the worker: rows of the basin map ------------------------------------------------------------
  // a start the row leaves out: the preview computed it already (the same start, the same result)
  const KNOWN = -5;
  /** One row ``j`` of the map (every ``stride``-th start; with ``skip``, not the starts every
      ``skip``-th column, which the preview computed): the basin of each start's end, and the
      steps the loop took (a run that repeats itself stops early: GD_LIVE_BASIN). With momentum
      ``beta`` > 0 the heavy ball's loop, as gdcore.descend runs it (β = 0: the plain loop, as
      gdcore does too). With ``valley``, ``inside``: the light green (minima.py's
      inside_deep_valley), its extra epochs in the steps. */
  function basinRow(id, lr, epochs, beta, valley, [j, stride, skip]) {
    const B = D.basins;
    const y = axis(B, j, 1);
    const labels = new Int8Array(Math.ceil(B.grid / stride));
    const inside = new Uint8Array(labels.length);
    let steps = 0;
    for (let c = 0; c < labels.length; c++) {
      if (skip && c % skip === 0) {
        labels[c] = KNOWN;
        continue;
      }
      const x = axis(B, c * stride, 0);
      const r = beta > 0
        ? GD_LIVE_BASIN_MOMENTUM(x, y, -lr, epochs, D.tol * D.tol, D.bound * D.bound, beta, lr * D.tol)
        : GD_LIVE_BASIN(x, y, -lr, epochs, D.tol * D.tol, D.bound * D.bound);
      labels[c] = basinOf(r, B);
      steps += r[3];
      if (valley && (labels[c] === -1 || labels[c] === -4)) {
        // from the end, B.valley's epochs at its rate arrive at the global minimum
        const V = B.valley;
        const g = GD_LIVE_BASIN(r[0], r[1], -V.lr, V.epochs, D.tol * D.tol, D.bound * D.bound);
        const d = [0, 1].map((k) => g[k] - B.minima[V.minimum][k]);
        inside[c] = Math.sqrt(d[0] * d[0] + d[1] * d[1]) <= B.radius ? 1 : 0;
        steps += g[3];
      }
    }
    return { id, j, stride, labels, inside, steps };
  }

  if (typeof document === "undefined") {
    // each message is a few rows; the page sends the next as each row comes back, so the
    // workers share the rows however long each takes
    self.onmessage = (e) => {
      const { id, lr, epochs, beta, valley, tasks } = e.data;
      for (const task of tasks) {
        const row = basinRow(id, lr, epochs, beta, valley, task);
        self.postMessage(row, [row.labels.buffer, row.inside.buffer]);
      }
    };
    return;
  }

  const SCRIPT = document.currentScript ? document.currentScript.src : "";

  // --- shared helpers ------------------------------------------------------------------------------
  const minus = (s) => s.replace(/-/g, "\u2212");
  // fixed decimals with a minus sign; a value that rounds to zero is 0.00, never −0.00
  const fmt = (v, n) => {
    const s = v.toFixed(n);
    return minus(/^-0(\.0*)?$/.test(s) ? s.slice(1) : s);
  };
  const point = (p, n = 2) => "(" + fmt(p[0], n) + ",\u00a0" + fmt(p[1], n) + ")";
  const fmtLr = (v) => Number(v.toPrecision(3)).toString();
  const pct = (v) => (100 * v).toFixed(1) + "%";
  const fill = (s, f) => s.replace(/\{(\w+)\}/g, (_, k) => f[k]);
  const SUP = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
  // the stopping rule's tolerance as the pages print it (10⁻¹⁰)
  const TOL = "10" + String(Math.round(Math.log10(D.tol))).replace(/\d/g, (c) => SUP[c]).replace("-", "\u207b");
  const int = (n) => GD_SHARED.grouped(n); // as toLocaleString(lang), without Intl
  /** Whether a point lies off the map `domain` (its edges count as on it). */
  const outside = (p, domain) => p.some((c, i) => !(domain[i][0] <= c && c <= domain[i][1]));
  /** A run's regime (gdcore.outcome, on the map ``domain`` the figure draws) and its sentence in
      the page's words; `quadratic`: the landscape is exactly quadratic. */
  function regimeOf(T, r, domain, quadratic) {
    const o = GD_SHARED.outcome(r, { tol: D.tol, ascent: false, domain });
    const fmt = {
      int, point: (p) => point(p, 3), factor: (v) => v.toFixed(3), tol: TOL,
      bound: int(D.bound), ascent: false, quadratic,
    };
    return [o, GD_SHARED.say(o, T.outcome, fmt)];
  }
  // the figure's state: the run's regime as data-status (and data-reason, data-left)
  function runState(root, o) {
    root.dataset.status = o.regime;
    root.dataset.left = String(o.leftDomain);
    if (o.reason) root.dataset.reason = o.reason;
    else delete root.dataset.reason;
  }
  const C = GD_CANVAS;

  /** One run of descent on a figure's landscape and map (GD_SHARED.descend: gdcore's loop). */
  function descend(name, start, lr, epochs, domain) {
    const opts = { lr, epochs, ascent: false, tol: D.tol, bound: D.bound, domain };
    return GD_SHARED.descend(GD_LIVE_KERNELS[name], GD_LIVE_UPDATE, start, opts);
  }

  /** A plot box (x0, y0, w, h in CSS px) over ``domain``: map coordinates ↔ CSS px. */
  function frame(box, domain) {
    const [[x0, x1], [y0, y1]] = domain;
    return {
      box,
      px: (p) => [box.x0 + ((p[0] - x0) / (x1 - x0)) * box.w, box.y0 + box.h - ((p[1] - y0) / (y1 - y0)) * box.h],
      at: (u, v) => [x0 + ((u - box.x0) / box.w) * (x1 - x0), y1 - ((v - box.y0) / box.h) * (y1 - y0)],
      ticks: (k, n) => C.ticks(...domain[k], n).map(([v, s]) => [
        k === 0 ? box.x0 + ((v - x0) / (x1 - x0)) * box.w : box.y0 + box.h - ((v - y0) / (y1 - y0)) * box.h, s,
      ]),
    };
  }

  /** Lay a map out on ``canvas`` at its shown width: a square plot box with axes (and a colour
      bar on the right when ``range`` is given); returns the context and the frame. */
  function mapLayout(canvas, domain, T, range, aspect = 1) {
    const W = Math.max(200, canvas.clientWidth || 360);
    const dpr = Math.min(3, window.devicePixelRatio || 1);
    const kept = canvas.gdLayout;
    if (kept && kept.W === W && kept.dpr === dpr) { // the same size: the same layout
      kept.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      return kept;
    }
    const probe = canvas.getContext("2d");
    const ylabels = C.ticks(...domain[1], 5).map(([, s]) => s);
    const bar = range ? C.ticks(...range, 5).map(([, s]) => s) : [];
    probe.save();
    probe.font = C.font("tick");
    const barWidth = Math.max(0, ...bar.map((s) => probe.measureText(s).width));
    probe.restore();
    const m = C.margins(probe, ylabels, { xlabel: true, ylabel: true, bar: range ? barWidth : 0, barLabel: Boolean(range) });
    const w = W - m.left - m.right;
    const h = Math.round(w * aspect);
    const ctx = C.fit(canvas, W, h + m.top + m.bottom);
    canvas.gdLayout = { ctx, f: frame({ x0: m.left, y0: m.top, w, h }, domain), W, H: h + m.top + m.bottom, dpr };
    return canvas.gdLayout;
  }

  /** Axes (and the colour bar) round a map box, in the page's theme. */
  function mapAxes(ctx, f, domain, T, range) {
    const { x0, y0, w, h } = f.box;
    C.axes(ctx, f.box, {
      xt: f.ticks(0, Math.max(3, Math.round(w / 70))), yt: f.ticks(1, Math.max(3, Math.round(h / 60))),
      xlabel: T.axis.x, ylabel: T.axis.y,
    });
    if (range) C.colorbar(ctx, x0 + w + 10, y0, h, range[0], range[1], T.axis.f);
  }

  function heatmap(name, domain, range, n) {
    const off = document.createElement("canvas");
    off.width = off.height = n;
    const ctx = off.getContext("2d");
    const img = ctx.createImageData(n, n);
    const kernel = GD_LIVE_KERNELS[name];
    const [[x0, x1], [y0, y1]] = domain;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const v = kernel(x0 + ((i + 0.5) / n) * (x1 - x0), y1 - ((j + 0.5) / n) * (y1 - y0))[0];
        const [r, g, b] = C.colormap((v - range[0]) / (range[1] - range[0]));
        img.data.set([r, g, b, 255], (j * n + i) * 4);
      }
    }
    ctx.putImageData(img, 0, 0);
    return off;
  }

  /** Redraw on a new width (the canvas follows its column), keeping the same drawing. */
  function onResize(canvas, draw) {
    if (!window.ResizeObserver) return;
    let width = canvas.clientWidth;
    new ResizeObserver(() => {
      if (canvas.clientWidth !== width) {
        width = canvas.clientWidth;
        draw();
      }
    }).observe(canvas);
  }

  /** Run ``draw`` again when the reader's theme changes (furo's toggle or the system's). */
  function onTheme(draw) {
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-theme"] });
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
  }

  // --- (a) the basin map, recomputed in Web Workers ---------------------------------------------
  // (on the momentum page with a second slider, the momentum coefficient β: the heavy ball's map)
  function basinsFigure(root, T) {
    const B = D.basins;
    const n = B.grid;
    const lrInput = root.querySelector("#gd-live-basins-lr");
    const lrOut = root.querySelector("output[for=gd-live-basins-lr]");
    const betaInput = root.querySelector("#gd-live-basins-beta"); // null: no momentum control
    const betaOut = root.querySelector("output[for=gd-live-basins-beta]");
    const epochsInput = root.querySelector("input[type=text]");
    const message = root.querySelector(".gd-live-message");
    const status = root.querySelector(".gd-live-status");
    const list = root.querySelector(".gd-live-shares");
    const canvas = root.querySelector("canvas");
    const off = document.createElement("canvas");
    off.width = off.height = n;
    const octx = off.getContext("2d");
    const img = octx.createImageData(n, n);
    const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    const valley = !betaInput; // light green: the plain map only, its legend's last row
    // the colours of "no minimum" (the theme's grey), each minimum and light green (GD_LOOK)
    const keyColors = () => [C.look.none[C.dark() ? "dark" : "light"], ...C.look.minima, C.look.valley].map(hex);
    let cores = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));
    let workers = [];
    let job = null;
    let id = 0;

    const items = [...list.querySelectorAll(".gd-live-share")];

    // f on the static map's contour grid (its levels come with the data: the static figure's),
    // computed once, on the first paint
    let zs = null;
    function heights() {
      if (zs) return zs;
      const m = B.contour.grid;
      const kernel = GD_LIVE_KERNELS[B.landscape];
      const [[a, b], [c, d]] = B.domain;
      zs = new Float64Array(m * m);
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < m; i++) zs[j * m + i] = kernel(a + (i / (m - 1)) * (b - a), d - (j / (m - 1)) * (d - c))[0];
      }
      return zs;
    }
    // the lines drawn once per size into a layer of their own (the map is painted again for each
    // row the workers send: the lines are copied, not traced again)
    let lines = null;
    function contourLayer(w, h) {
      const dpr = Math.min(3, window.devicePixelRatio || 1);
      const key = w + "x" + h + "@" + dpr;
      if (lines && lines.key === key) return lines.canvas;
      const layer = document.createElement("canvas");
      layer.width = Math.round(w * dpr);
      layer.height = Math.round(h * dpr);
      const lctx = layer.getContext("2d");
      lctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      C.contours(lctx, heights(), B.contour.grid, B.contour.levels, { x0: 0, y0: 0, w, h });
      lines = { key, canvas: layer };
      return layer;
    }

    // the slider's stops are indices into the page's rates (0.07 is a stop, exactly)
    const lr = () => B.rates[Math.max(0, Math.min(B.rates.length - 1, Math.round(Number(lrInput.value))))];
    // so are the momentum slider's, into the page's coefficients (0: plain descent)
    const betas = B.momentum.betas;
    const beta = () => betaInput ? betas[Math.max(0, Math.min(betas.length - 1, Math.round(Number(betaInput.value))))] : 0;

    function readEpochs() {
      const { value, error } = GD_SHARED.parseEpochs(epochsInput.value, B.minEpochs, B.maxEpochs);
      epochsInput.setAttribute("aria-invalid", String(error !== null));
      const words = { min: int(B.minEpochs), max: int(B.maxEpochs), value: GD_SHARED.clip(epochsInput.value.trim()) };
      message.textContent = error ? fill(T.error[error], words) : "";
      return value;
    }

    function showLr() {
      const text = fmtLr(lr());
      lrOut.textContent = text;
      lrInput.setAttribute("aria-valuetext", "\u03b7 = " + text); // read as "η = 0.07"
      if (!betaInput) return;
      const b = fmtLr(beta());
      betaOut.textContent = b;
      betaInput.setAttribute("aria-valuetext", "\u03b2 = " + b); // read as "β = 0.9"
    }

    function paint() {
      const L = job.labels;
      const colors = keyColors();
      const light = colors[colors.length - 1];
      for (let j = 0; j < n; j++) {
        const row = job.rows[j] ? j : Math.min(n - 1, B.preview * Math.round(j / B.preview));
        const full = job.rows[row] === 2;
        for (let i = 0; i < n; i++) {
          const col = full ? i : Math.min(n - 1, B.preview * Math.round(i / B.preview));
          const m = L[row * n + col];
          const c = m === -2 ? [128, 128, 128] : job.inside[row * n + col] ? light : colors[Math.max(-1, m) + 1];
          img.data.set([c[0], c[1], c[2], 255], ((n - 1 - j) * n + i) * 4);
        }
      }
      octx.putImageData(img, 0, 0);
      // the list's keys in the same colours (the grey follows the theme)
      root.querySelectorAll(".gd-live-swatch").forEach((el, k) => {
        const color = "#" + colors[k].map((v) => v.toString(16).padStart(2, "0")).join("");
        const rect = el.querySelector("rect");
        if (rect) rect.setAttribute("fill", color);
        else el.style.background = color;
      });
      const { ctx, f } = mapLayout(canvas, B.domain, T, null);
      const { x0, y0, w, h } = f.box;
      root.dataset.box = JSON.stringify([x0, y0, w, h]);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(off, x0, y0, w, h);
      ctx.drawImage(contourLayer(w, h), x0, y0, w, h);
      mapAxes(ctx, f, B.domain, T, null);
      for (const m of B.minima) C.marker(ctx, ...f.px(m), "minimum", "down", "map", 7);
    }

    let shown = null; // the last map computed to its end: the shares listed are its own
    let queued = false;
    function schedule() {
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          if (job) paint();
        });
      }
    }

    function finish() {
      const ms = performance.now() - job.t0;
      const counts = new Array(B.minima.length).fill(0);
      let none = 0;
      let diverged = 0;
      let outside = 0;
      for (const m of job.labels) {
        if (m >= 0) counts[m] += 1;
        else none += 1;
        if (m === -3) diverged += 1;
        if (m === -4) outside += 1;
      }
      const shares = counts.map((c) => c / job.labels.length);
      const marks = job.inside.join("");
      const inside = job.inside.reduce((a, v) => a + v, 0);
      // the other starts that arrive at no minimum, each minimum, light green
      const listed = [(none - inside) / job.labels.length, ...shares, inside / job.labels.length];
      items.forEach((it, k) => {
        it.textContent = pct(listed[k]);
      });
      let labels = "";
      for (const m of job.labels) labels += m < 0 ? "." : String(m);
      if (betaInput) root.dataset.momentum = String(job.beta);
      if (valley) Object.assign(root.dataset, { valley: marks, shareValley: String(inside / job.labels.length) });
      Object.assign(root.dataset, {
        state: "ready",
        lr: String(job.lr),
        epochs: String(job.epochs),
        shares: JSON.stringify(shares),
        labels,
        diverged: String(diverged),
        outside: String(outside),
        ms: ms.toFixed(1),
        steps: String(job.steps),
      });
      const secs = (ms / 1000).toFixed(2);
      const count = (k) => ({ count: int(k), share: pct(k / job.labels.length), bound: int(D.bound) });
      // (η and β in the face that draws them as mathematics does: C.setText)
      C.setText(status, fill(betaInput ? T.ready_momentum : T.ready, {
        lr: fmtLr(job.lr),
        beta: fmtLr(job.beta),
        epochs: int(job.epochs),
        starts: int(n * n),
        seconds: secs,
        diverged: fill(diverged ? T.diverged.some : T.diverged.none, count(diverged)),
        outside: outside ? fill(T.outside.some, count(outside)) : T.outside.none,
      }));
      job = Object.assign(job, { done: true, text: status.textContent });
      shown = job;
      // the epochs box went bad while this map was computed: it is shown now, dimmed, and named
      if (readEpochs() === null) markInvalid();
      schedule();
    }

    /** A row from ``worker``: merged into the map; the worker gets the next row waiting. */
    function onMessage(worker, e) {
      const msg = e.data;
      if (!job || msg.id !== job.id) return;
      const { j, stride, labels, inside, steps } = msg;
      for (let c = 0; c < labels.length; c++) {
        if (labels[c] === KNOWN) continue;
        job.labels[j * n + c * stride] = labels[c];
        job.inside[j * n + c * stride] = inside[c];
      }
      job.rows[j] = Math.max(job.rows[j], stride === 1 ? 2 : 1);
      job.steps += steps;
      if (stride > 1 && ++job.coarse === Math.ceil(n / B.preview)) root.dataset.state = "preview";
      job.left -= 1;
      if (job.next < job.tasks.length) worker.postMessage({ id: job.id, lr: job.lr, epochs: job.epochs, beta: job.beta, valley, tasks: [job.tasks[job.next++]] });
      if (job.left === 0) finish();
      schedule();
    }

    /** Where a page cannot start a worker (opened from a file): the same rows on the main
        thread, in slices of at most 20 ms. */
    function inline() {
      let stopped = false;
      const self = {
        postMessage({ id, lr, epochs, beta, valley, tasks }) {
          let t = 0;
          const next = () => {
            if (stopped) return;
            const end = performance.now() + 20;
            while (t < tasks.length && performance.now() < end) onMessage(self, { data: basinRow(id, lr, epochs, beta, valley, tasks[t++]) });
            if (t < tasks.length) setTimeout(next, 0);
          };
          setTimeout(next, 0);
        },
        terminate() {
          stopped = true;
        },
      };
      return self;
    }

    function spawn() {
      try {
        const w = new Worker(SCRIPT);
        w.onmessage = (e) => onMessage(w, e);
        return w;
      } catch (err) {
        cores = 1;
        return inline();
      }
    }

    function compute() {
      const epochs = readEpochs();
      if (epochs === null) {
        markInvalid();
        return;
      }
      const rate = lr();
      const b = beta();
      if (job && job.done && job.lr === rate && job.beta === b && job.epochs === epochs) {
        root.dataset.state = "ready"; // the map shown is this one (e.g. the box left unchanged)
        C.setText(status, job.text);
        return;
      }
      if (job && !job.done) {
        workers.forEach((w) => w.terminate()); // the reader changed a control: start over
        workers = [];
      }
      while (workers.length < cores) workers.push(spawn());
      id += 1;
      // the coarse preview's rows first, then every row (a preview row's full row leaves out
      // the starts the preview computed); each worker is sent a few rows, then one more as each
      // row comes back (a few, so that it never waits for a busy page to send the next)
      const tasks = [];
      for (let j = 0; j < n; j += B.preview) tasks.push([j, B.preview]);
      for (let j = 0; j < n; j++) tasks.push(j % B.preview === 0 ? [j, 1, B.preview] : [j, 1]);
      const labels = new Int8Array(n * n).fill(-2);
      const first = job === null; // the shares shown are still the build's, for these settings
      job = { id, lr: rate, beta: b, epochs, labels, inside: new Uint8Array(n * n), rows: new Uint8Array(n), coarse: 0, tasks, next: 0, left: tasks.length, steps: 0 };
      job.t0 = performance.now();
      root.dataset.state = "computing";
      status.textContent = first ? T.computing_first : T.computing;
      for (let round = 0; round < 4; round++) {
        for (const w of workers) if (job.next < tasks.length) w.postMessage({ id, lr: rate, epochs, beta: b, valley, tasks: [tasks[job.next++]] });
      }
    }

    // a setting changed: the map shown is no longer the settings' map, at once (dimmed, and
    // not "ready"), until compute() starts the new one (or finds the shown one is it)
    function markPending() {
      if (!job) return;
      root.dataset.state = "pending";
      status.textContent = T.pending;
    }
    // the epochs box holds no valid number: nothing is computed; the map and shares still show
    // the last settings (dimmed), and the status names them. A map being computed is stopped and
    // the last finished one drawn again (its shares are the ones listed); the first map is let
    // finish (its settings are the build's, whose shares are listed)
    function markInvalid() {
      if (job && !job.done && shown) {
        workers.forEach((w) => w.terminate());
        workers = [];
        job = shown;
        schedule();
      }
      root.dataset.state = "invalid";
      if (job) status.textContent = fill(betaInput ? T.invalid_momentum : T.invalid, { lr: fmtLr(job.lr), beta: fmtLr(job.beta), epochs: int(job.epochs) });
    }
    let timer = 0;
    const onSlide = () => {
      showLr();
      clearTimeout(timer);
      if (readEpochs() === null) {
        markInvalid();
        return;
      }
      markPending();
      timer = setTimeout(compute, 150);
    };
    lrInput.addEventListener("input", onSlide);
    if (betaInput) betaInput.addEventListener("input", onSlide);
    epochsInput.addEventListener("input", () => {
      clearTimeout(timer);
      if (readEpochs() !== null) {
        markPending();
        timer = setTimeout(compute, 300);
      } else markInvalid();
    });
    epochsInput.addEventListener("change", compute);
    showLr();
    onTheme(schedule);
    onResize(canvas, schedule);
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        compute();
      }
    });
    seen.observe(root);
  }

  // --- (b) the start, dragged on a small map of peaks -------------------------------------------
  function pathFigure(root, T) {
    const P = D.path;
    const canvas = root.querySelector("canvas");
    const status = root.querySelector(".gd-live-status");
    const back = heatmap(P.landscape, P.domain, P.range, 120);
    const [[x0, x1], [y0, y1]] = P.domain;
    let start = P.start.slice();
    let queued = false;
    let f = null;

    function run() {
      const r = descend(P.landscape, start, P.lr, P.epochs, P.domain);
      const [o, said] = regimeOf(T, r, P.domain, P.quadratic);
      const layout = mapLayout(canvas, P.domain, T, P.range);
      const ctx = layout.ctx;
      f = layout.f;
      const { x0: bx, y0: by, w, h } = f.box;
      root.dataset.box = JSON.stringify([bx, by, w, h]);
      ctx.clearRect(0, 0, layout.W, layout.H);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(back, bx, by, w, h);
      mapAxes(ctx, f, P.domain, T, P.range);
      ctx.save();
      ctx.beginPath();
      ctx.rect(bx, by, w, h);
      ctx.clip();
      C.path(ctx, r.path.map(f.px), "path", "map", { width: 2.5 });
      ctx.restore();
      // the start (always on the map) drawn whole, reaching into the margin at an edge; the end
      // cut at the map box, and not drawn off the map (over the margin or the colour bar it would
      // read as the bar's mark; the status says the run ended off the map)
      const endShown = !outside(r.final, P.domain);
      if (endShown) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(bx, by, w, h);
        ctx.clip();
        C.marker(ctx, ...f.px(r.final), "end", "circle", "map");
        ctx.restore();
      }
      C.marker(ctx, ...f.px(start), "start", "square", "map");
      root.dataset.endShown = String(endShown);
      Object.assign(root.dataset, {
        state: "ready",
        start: JSON.stringify(start),
        end: JSON.stringify(r.final),
        epochsRun: String(r.epochsRun),
        lr: String(P.lr),
        epochs: String(P.epochs),
      });
      runState(root, o);
      // an end that reads as the start to the digits shown is not said to have moved "from A to A"
      const same = point(start) === point(r.final);
      C.setText(status, fill(same ? T.path_same : T.path, {
        start: point(start),
        end: point(r.final),
        epochs: int(r.epochsRun),
        status: said,
      }));
    }

    function redraw() {
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          run();
        });
      }
    }
    function moveTo(p) {
      start = [Math.min(x1, Math.max(x0, p[0])), Math.min(y1, Math.max(y0, p[1]))];
      redraw();
    }

    function fromEvent(e) {
      const box = canvas.getBoundingClientRect();
      return f.at(e.clientX - box.left, e.clientY - box.top);
    }
    canvas.addEventListener("pointerdown", (e) => {
      canvas.setPointerCapture(e.pointerId);
      moveTo(fromEvent(e));
    });
    canvas.addEventListener("pointermove", (e) => {
      if (canvas.hasPointerCapture(e.pointerId)) moveTo(fromEvent(e));
    });
    canvas.addEventListener("keydown", (e) => {
      const d = P.keyStep * (x1 - x0) * (e.shiftKey ? 5 : 1);
      const moves = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
      if (!moves[e.key]) return;
      e.preventDefault();
      moveTo([start[0] + moves[e.key][0], start[1] + moves[e.key][1]]);
    });
    onTheme(redraw);
    onResize(canvas, redraw);
    run();
  }

  // --- (c) the learning rate on the elongated bowl, and its two factors 1 − ηλ ---------------
  function factorsFigure(root, T) {
    const F = D.factors;
    const input = root.querySelector("input[type=range]");
    const out = root.querySelector("output");
    const [canvas, line] = root.querySelectorAll("canvas");
    const text = root.querySelectorAll(".gd-live-factor");
    const status = root.querySelector(".gd-live-status");
    const [[dx0, dx1], [dy0, dy1]] = F.domain;
    const roles = ["lmin", "lmax"]; // the gentle and the steep direction (GD_LOOK.marks)
    // the regime of a factor as the page names it; a factor that reads as 0 or −1 to the three
    // digits shown is at that boundary (gone in one step; flipping without shrinking)
    const regime = (q) =>
      Math.abs(q) < 5e-4 ? "vanishing" : Math.abs(q + 1) < 5e-4 ? "limit"
        : q > 0 ? "monotone" : q > -1 ? "oscillating" : "diverging";

    function draw() {
      const lr = Number(Number(input.value).toPrecision(6));
      const c = C.page();
      const r = descend(F.landscape, F.start, lr, F.epochs, F.domain);
      const [o, said] = regimeOf(T, r, F.domain, F.quadratic); // "the map": the bowl as drawn
      const factors = F.lambdas.map((l) => 1 - lr * l);
      // the bowl, with axes: level sets x² + 10y² = c are ellipses
      const { ctx, f, W, H } = mapLayout(canvas, F.domain, T, null, (dy1 - dy0) / (dx1 - dx0));
      root.dataset.box = JSON.stringify([f.box.x0, f.box.y0, f.box.w, f.box.h]);
      ctx.fillStyle = c.paper;
      ctx.fillRect(0, 0, W, H);
      const { x0, y0, w, h } = f.box;
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0, y0, w, h);
      ctx.clip();
      ctx.strokeStyle = c.muted;
      ctx.lineWidth = 1;
      const [sx] = f.px([1, 0]);
      const [ox, oy] = f.px([0, 0]);
      for (let k = 1; k <= 6; k++) {
        // the level set through (k/2, 0): semi-axes in the ratio √(λmax/λmin)
        const a = (k / 2) * (sx - ox);
        const b = a * Math.sqrt(F.lambdas[0] / F.lambdas[1]);
        ctx.beginPath();
        ctx.ellipse(ox, oy, a, b, 0, 0, 2 * Math.PI);
        ctx.stroke();
      }
      C.path(ctx, r.path.map(f.px), "path", "paper", { width: 2 });
      ctx.fillStyle = C.mark("path", "paper");
      for (const p of r.path) {
        const [u, v] = f.px(p);
        ctx.fillRect(u - 2, v - 2, 4, 4);
      }
      ctx.restore();
      mapAxes(ctx, f, F.domain, T, null);
      C.marker(ctx, ox, oy, "minimum", "down", "paper"); // the minimum: ▽, as the static figures
      C.marker(ctx, ...f.px(F.start), "start", "square", "paper");
      // the factors on a number line, over the three regimes
      const LW = Math.max(200, line.clientWidth || 360);
      const tick = C.look.type.canvas.tick;
      const LH = Math.round(44 + tick * 1.6);
      const lctx = C.fit(line, LW, LH);
      const lo = -1.5;
      const hi = 1;
      const X = (q) => 12 + ((Math.max(lo, Math.min(hi, q)) - lo) / (hi - lo)) * (LW - 24);
      const band = LH - tick * 1.6 - 12;
      lctx.fillStyle = c.paper;
      lctx.fillRect(0, 0, LW, LH);
      const R = C.look.regimes;
      [[lo, -1, R.diverging], [-1, 0, R.oscillating], [0, hi, R.monotone]].forEach(([a, b, color]) => {
        lctx.globalAlpha = C.dark() ? 0.35 : 0.25;
        lctx.fillStyle = color;
        lctx.fillRect(X(a), 6, X(b) - X(a), band);
        lctx.globalAlpha = 1;
      });
      lctx.fillStyle = c.muted;
      for (const q of [-1, 0, 1]) {
        lctx.fillRect(Math.round(X(q)) - 0.5, 6, 1, band + 4);
        C.text(lctx, C.minus(String(q)), X(q), band + 12, { baseline: "top", align: "center", color: c.ink });
      }
      factors.forEach((q, k) => C.marker(lctx, X(q), 6 + band * (k ? 0.7 : 0.3), roles[k], "circle", "paper", 6.5));
      factors.forEach((q, k) => {
        C.setText(text[k], fill(T.factor, { lam: fmt(F.lambdas[k], 0), value: fmt(q, 3), regime: T.regime[regime(q)] }));
      });
      out.textContent = fmtLr(lr);
      input.setAttribute("aria-valuetext", fmtLr(lr));
      Object.assign(root.dataset, {
        state: "ready",
        lr: String(lr),
        epochs: String(F.epochs),
        factors: JSON.stringify(factors),
        start: JSON.stringify(F.start),
        end: JSON.stringify(r.final),
        epochsRun: String(r.epochsRun),
      });
      runState(root, o);
      C.setText(status, fill(T.bowl, {
        start: point(F.start, 3),
        epochs: int(r.epochsRun),
        end: point(r.final, 3),
        status: said,
      }) + limitNote(factors, r.final));
      // the status keeps the tallest height it has had at this width, so that what follows the
      // figure does not move up and down under the reader while they drag the slider
      const tall = status.offsetHeight;
      if (tall > (parseFloat(status.style.minHeight) || 0)) status.style.minHeight = tall + "px";
    }
    // at the steep direction's limit (its factor −1, the gentle one shrinking) the bowl's path
    // closes in on a 2-cycle between (0, ±y): the bowl is x² + 10y², its eigenvectors the axes
    function limitNote(factors, end) {
      if (regime(factors[1]) !== "limit" || Math.abs(factors[0]) >= 1) return "";
      return " " + fill(T.bowl_limit, { p: point([0, Math.abs(end[1])], 3), q: point([0, -Math.abs(end[1])], 3) });
    }
    input.addEventListener("input", draw);
    onTheme(draw);
    onResize(canvas, () => {
      status.style.minHeight = ""; // another width: another tallest status
      draw();
    });
    draw();
  }

  // each figure is made when it comes near the screen (the page's first paint and its reading
  // are not kept waiting for figures further down); all that are left are made before printing,
  // and at once where the browser has no IntersectionObserver
  const figures = { basins: basinsFigure, path: pathFigure, factors: factorsFigure };
  const waiting = new Set(document.querySelectorAll("[data-live]"));
  function make(root) {
    if (!waiting.delete(root)) return;
    const build = figures[root.dataset.live];
    if (build) build(root, JSON.parse(root.dataset.text));
  }
  if (!window.IntersectionObserver) {
    for (const root of [...waiting]) make(root);
  } else {
    const near = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        near.unobserve(e.target);
        make(e.target);
      }
    }, { rootMargin: "400px 0px" });
    for (const root of waiting) near.observe(root);
    window.addEventListener("beforeprint", () => {
      for (const root of [...waiting]) {
        near.unobserve(root);
        make(root);
      }
    });
  }
})();
