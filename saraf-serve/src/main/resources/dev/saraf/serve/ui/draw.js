// The drawing pad: strokes with mouse, pen or finger (pointer events), MNIST-style preprocessing,
// and live predictions from the model server's Open Inference Protocol endpoint.
"use strict";

const sarafDraw = (() => {
  let pad, ctx, drawing = false, last = null, pending = false, dirty = false, timer = null;

  // MNIST's recipe: crop to the ink's bounding box, scale to fit 20x20 keeping the aspect ratio,
  // then place in 28x28 so that the centre of mass sits at the centre. Returns 784 floats in [0, 1]
  // (white ink on black, as in MNIST), or null for an empty pad.
  function preprocess(source) {
    const w = source.width, h = source.height;
    const px = source.getContext("2d").getImageData(0, 0, w, h).data;
    let x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (px[4 * (y * w + x)] > 10) {
          if (x < x0) x0 = x; if (x > x1) x1 = x;
          if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
      }
    }
    if (x1 < 0) return null;
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const s = 20 / Math.max(bw, bh);
    const tw = Math.max(1, Math.round(bw * s)), th = Math.max(1, Math.round(bh * s));
    // Downscale in halving steps: one big drawImage step aliases thin strokes away.
    let src = source, sx = x0, sy = y0, sw = bw, sh = bh;
    while (sw / 2 > tw && sh / 2 > th) {
      const half = document.createElement("canvas");
      half.width = Math.ceil(sw / 2); half.height = Math.ceil(sh / 2);
      const hc = half.getContext("2d");
      hc.imageSmoothingQuality = "high";
      hc.drawImage(src, sx, sy, sw, sh, 0, 0, half.width, half.height);
      src = half; sx = 0; sy = 0; sw = half.width; sh = half.height;
    }
    const small = document.createElement("canvas");
    small.width = tw; small.height = th;
    const sc = small.getContext("2d");
    sc.imageSmoothingQuality = "high";
    sc.drawImage(src, sx, sy, sw, sh, 0, 0, tw, th);
    const sp = sc.getImageData(0, 0, tw, th).data;
    let mass = 0, mx = 0, my = 0;
    const g = new Float32Array(tw * th);
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const v = sp[4 * (y * tw + x)] / 255;
        g[y * tw + x] = v;
        mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
      }
    }
    const cx = mass > 0 ? mx / mass : tw / 2, cy = mass > 0 ? my / mass : th / 2;
    const ox = Math.min(28 - tw, Math.max(0, Math.round(14 - cx)));
    const oy = Math.min(28 - th, Math.max(0, Math.round(14 - cy)));
    const out = new Array(784).fill(0);
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        out[(y + oy) * 28 + (x + ox)] = g[y * tw + x];
      }
    }
    return out;
  }

  function preview(values) {
    const c = document.getElementById("preview");
    const pc = c.getContext("2d");
    const img = pc.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round((values ? values[i] : 0) * 255);
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
      img.data[4 * i + 3] = 255;
    }
    pc.putImageData(img, 0, 0);
  }

  function bars(probs, names) {
    const box = document.getElementById("bars");
    box.textContent = "";
    let top = 0;
    probs.forEach((p, i) => { if (p > probs[top]) top = i; });
    probs.forEach((p, i) => {
      const row = document.createElement("div");
      row.className = "bar" + (i === top ? " top" : "");
      row.dataset.label = names[i];
      const label = document.createElement("span");
      label.textContent = names[i];
      const fill = document.createElement("div");
      fill.className = "fill";
      fill.style.width = Math.round(p * 180) + "px";
      const pct = document.createElement("span");
      pct.textContent = (100 * p).toFixed(1) + "%";
      row.append(label, fill, pct);
      box.append(row);
    });
    document.getElementById("draw-top").textContent = names[top];
  }

  async function predict() {
    const values = preprocess(pad);
    preview(values);
    if (!values) {
      document.getElementById("draw-top").textContent = "–";
      document.getElementById("bars").textContent = "";
      return;
    }
    const model = encodeURIComponent(document.getElementById("draw-model").value.trim() || "digits");
    const body = {
      id: "draw",
      inputs: [{ name: "input", shape: [1, 1, 28, 28], datatype: "FP32", data: values }],
      outputs: [{ name: "probabilities" }]
    };
    try {
      const res = await saraf.api("POST", "/v2/models/" + model + "/infer", body);
      const out = res.outputs.find(o => o.name === "probabilities") || res.outputs[0];
      const probs = out.data.map(Number);
      const names = probs.length === 10 ? [..."0123456789"] : probs.map((_, i) => String(i));
      bars(probs, names);
      saraf.status("draw-status", "model " + res.model_name + (res.model_version ? " version " + res.model_version : ""));
    } catch (e) {
      saraf.status("draw-status", e.status === 404
        ? "No model named " + decodeURIComponent(model) + " yet: train one on the Dashboard (register as " + decodeURIComponent(model) + ")."
        : "Prediction failed: " + e.message, true);
    }
  }

  // One request in flight at a time; strokes made meanwhile are sent when it returns.
  async function schedule() {
    dirty = true;
    if (pending) return;
    pending = true;
    while (dirty) {
      dirty = false;
      await predict();
    }
    pending = false;
  }

  function point(e) {
    const r = pad.getBoundingClientRect();
    return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
  }

  function stroke(from, to) {
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 20;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  }

  function clear() {
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, pad.width, pad.height);
    preview(null);
    document.getElementById("draw-top").textContent = "–";
    document.getElementById("bars").textContent = "";
  }

  document.addEventListener("DOMContentLoaded", () => {
    pad = document.getElementById("pad");
    ctx = pad.getContext("2d");
    clear();
    pad.addEventListener("pointerdown", e => {
      drawing = true;
      last = point(e);
      stroke(last, last);
      pad.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    pad.addEventListener("pointermove", e => {
      if (!drawing) return;
      const p = point(e);
      stroke(last, p);
      last = p;
      if (!timer) timer = setTimeout(() => { timer = null; schedule(); }, 120);
    });
    const end = () => { if (drawing) { drawing = false; schedule(); } };
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);
    document.getElementById("draw-clear").addEventListener("click", clear);
  });

  return { preprocess, predict };
})();
