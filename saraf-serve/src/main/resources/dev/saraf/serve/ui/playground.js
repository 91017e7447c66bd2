// The playground: a small network trained by saraf on the server, a few steps per request; the page
// draws the decision boundary as a heat-map (green: class 1, red: class 0) and the loss curve.
"use strict";

const sarafPlayground = (() => {
  let session = null, playing = false, losses = [], busy = false;
  const GREEN = [46, 157, 74], RED = [214, 69, 65];

  function settings() {
    const hidden = document.getElementById("pg-hidden").value.split(",").map(s => s.trim()).filter(s => s).map(Number);
    return {
      dataset: document.getElementById("pg-dataset").value,
      hidden,
      activation: document.getElementById("pg-activation").value,
      lr: Number(document.getElementById("pg-lr").value),
      noise: Number(document.getElementById("pg-noise").value),
      points: 200,
      seed: 1
    };
  }

  function draw(state) {
    const c = document.getElementById("pg-canvas");
    const ctx = c.getContext("2d");
    const n = state.grid, w = c.width, cell = w / n;
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < n; k++) {
        const p = state.boundary[r * n + k];
        // blend towards white near 0.5 so that the boundary reads as a pale band
        const col = p >= 0.5 ? GREEN : RED, t = Math.abs(p - 0.5) * 2 * 0.55;
        ctx.fillStyle = "rgb(" + col.map(v => Math.round(255 + (v - 255) * t)).join(",") + ")";
        ctx.fillRect(Math.floor(k * cell), Math.floor(r * cell), Math.ceil(cell), Math.ceil(cell));
      }
    }
    const e = state.extent;
    for (const [x, y, label] of session.points) {
      const px = (x + e) / (2 * e) * w, py = (e - y) / (2 * e) * w;
      ctx.beginPath();
      ctx.arc(px, py, 4, 0, 2 * Math.PI);
      ctx.fillStyle = "rgb(" + (label === 1 ? GREEN : RED).join(",") + ")";
      ctx.fill();
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 1.2;
      ctx.stroke();
    }
    document.getElementById("pg-step").textContent = state.step;
    document.getElementById("pg-loss").textContent = state.loss.toFixed(4);
    document.getElementById("pg-acc").textContent = (100 * state.accuracy).toFixed(1) + "%";
    losses.push(state.loss);
    drawChart(document.getElementById("pg-chart"), [{ values: losses, color: "#2f6fd0", label: "loss" }], { min: 0 });
  }

  async function reset() {
    losses = [];
    try {
      session = await saraf.api("POST", "/api/playground", settings());
      draw(session);
      saraf.status("pg-status", "");
    } catch (e) {
      session = null;
      setPlaying(false);
      saraf.status("pg-status", "Cannot start: " + e.message, true);
    }
  }

  async function loop() {
    if (busy) return;
    busy = true;
    try {
      while (playing) {
        if (!session) await reset();
        if (!session) break;
        try {
          draw(await saraf.api("POST", "/api/playground/" + session.id + "/step", { steps: 5 }));
        } catch (e) {
          if (e.status === 404) { session = null; continue; } // expired: start afresh
          saraf.status("pg-status", "Training stopped: " + e.message, true);
          setPlaying(false);
        }
        await new Promise(r => setTimeout(r, 30));
      }
    } finally {
      busy = false;
    }
  }

  function setPlaying(on) {
    playing = on;
    document.getElementById("pg-play").textContent = on ? "Pause" : "Play";
    if (on) loop();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("pg-play").addEventListener("click", () => setPlaying(!playing));
    document.getElementById("pg-reset").addEventListener("click", () => { setPlaying(false); reset(); });
    for (const id of ["pg-dataset", "pg-hidden", "pg-activation", "pg-lr", "pg-noise"]) {
      document.getElementById(id).addEventListener("change", () => { const was = playing; setPlaying(false); reset().then(() => setPlaying(was)); });
    }
    saraf.onShow("playground", () => { if (!session) reset(); });
    saraf.onShow("draw", () => {}); // nothing to load
  });

  return { reset, setPlaying, losses: () => losses.slice() };
})();
