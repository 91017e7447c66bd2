// Line charts on <canvas>: one or more series of numbers against their index.
"use strict";

function drawChart(canvas, series, opts) {
  opts = opts || {};
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 32;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  const all = series.flatMap(s => s.values).filter(v => Number.isFinite(v));
  if (all.length === 0) {
    ctx.fillStyle = "#889";
    ctx.font = "13px sans-serif";
    ctx.fillText(opts.empty || "no data yet", pad, h / 2);
    return;
  }
  let lo = opts.min !== undefined ? opts.min : Math.min(...all);
  let hi = opts.max !== undefined ? opts.max : Math.max(...all);
  if (hi - lo < 1e-9) { hi = lo + 1; }
  const n = Math.max(2, ...series.map(s => s.values.length));
  const x = i => pad + (w - pad - 8) * i / (n - 1);
  const y = v => h - pad + 8 - (h - pad) * (v - lo) / (hi - lo);
  ctx.strokeStyle = "#d9dee3";
  ctx.fillStyle = "#5b6570";
  ctx.font = "11px sans-serif";
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const v = lo + (hi - lo) * k / 4;
    ctx.beginPath(); ctx.moveTo(pad, y(v)); ctx.lineTo(w - 8, y(v)); ctx.stroke();
    ctx.fillText(v.toPrecision(2), 2, y(v) + 4);
  }
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let started = false;
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      if (started) ctx.lineTo(x(i), y(v)); else { ctx.moveTo(x(i), y(v)); started = true; }
    });
    ctx.stroke();
  }
  let lx = pad + 4;
  for (const s of series) {
    if (!s.label) continue;
    ctx.fillStyle = s.color;
    ctx.fillRect(lx, 4, 10, 10);
    ctx.fillStyle = "#1d232a";
    ctx.fillText(s.label, lx + 14, 13);
    lx += 20 + ctx.measureText(s.label).width;
  }
}
