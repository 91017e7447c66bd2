// The dashboard: models with their versions and stages, training jobs with live curves
// (server-sent events), and a form that starts a job.
"use strict";

const sarafDashboard = (() => {
  let stream = null, following = null, curves = null;
  // The live line: the job's state, then its latest progress. A job that finished before it was
  // followed replays its state and epochs only, so an epoch's figures stand in for the batches'.
  let stateLine = "", progressLine = "", failed = false;

  function showLive() {
    saraf.status("job-live", [stateLine, progressLine].filter(s => s).join(" · "), failed);
  }

  function cell(row, text, cls) {
    const td = document.createElement("td");
    if (cls) {
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      td.append(span);
    } else {
      td.textContent = text;
    }
    row.append(td);
    return td;
  }

  function fmt(v, digits) {
    return typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–";
  }

  async function loadModels() {
    const body = document.querySelector("#models tbody");
    const list = await saraf.api("GET", "/api/models");
    body.textContent = "";
    for (const m of list.models) {
      const info = await saraf.api("GET", "/api/models/" + encodeURIComponent(m.name));
      for (const v of info.versions) {
        const row = document.createElement("tr");
        cell(row, m.name);
        cell(row, String(v.version) + (v.version === info.default_version ? " (served)" : ""));
        cell(row, v.stage, "stage " + v.stage);
        const acc = v.metrics && (v.metrics.test_accuracy ?? v.metrics.val_accuracy ?? v.metrics.accuracy);
        cell(row, acc === undefined ? "–" : (100 * acc).toFixed(1) + "%");
        cell(row, (v.created || "").replace("T", " ").slice(0, 19));
        const actions = cell(row, "");
        if (v.stage !== "production") {
          const promote = document.createElement("button");
          promote.className = "secondary"; promote.type = "button"; promote.textContent = "Promote";
          promote.dataset.promote = m.name + "/" + v.version;
          promote.addEventListener("click", async () => {
            try {
              await saraf.api("PUT", "/api/models/" + encodeURIComponent(m.name) + "/versions/" + v.version + "/stage", { stage: "production" });
              refresh();
            } catch (e) {
              saraf.status("dash-status", "Cannot promote: " + e.message, true);
            }
          });
          actions.append(promote);
        }
        body.append(row);
      }
    }
    if (!list.models.length) {
      const row = document.createElement("tr");
      cell(row, "no models yet").colSpan = 6;
      body.append(row);
    }
  }

  async function loadJobs() {
    const body = document.querySelector("#jobs tbody");
    const list = await saraf.api("GET", "/api/jobs");
    body.textContent = "";
    for (const j of list.jobs) {
      const row = document.createElement("tr");
      row.dataset.job = j.id;
      if (j.id === following) row.classList.add("selected");
      cell(row, j.id);
      cell(row, j.register_as + " (" + (typeof j.model === "string" ? j.model : "custom") + ")");
      cell(row, j.data);
      cell(row, j.state + (j.version ? " → v" + j.version : ""), "stage " + (j.state === "succeeded" ? "production" : j.state === "running" ? "staging" : ""));
      const bar = document.createElement("progress");
      bar.max = 1; bar.value = j.progress || 0;
      cell(row, "").append(bar);
      const actions = cell(row, "");
      const watch = document.createElement("button");
      watch.className = "secondary"; watch.type = "button"; watch.textContent = "Curves";
      watch.addEventListener("click", () => follow(j.id));
      actions.append(watch);
      if (j.state === "queued" || j.state === "running") {
        const cancel = document.createElement("button");
        cancel.className = "secondary"; cancel.type = "button"; cancel.textContent = "Cancel";
        cancel.addEventListener("click", async () => { await saraf.api("DELETE", "/api/jobs/" + j.id); refresh(); });
        actions.append(" ", cancel);
      }
      body.append(row);
    }
    const live = list.jobs.find(j => j.state === "running");
    if (!following && live) follow(live.id);
  }

  function redraw() {
    const c = curves;
    drawChart(document.getElementById("chart-loss"), [
      { values: c.batchLoss, color: "#9db7e0", label: "batch" },
      { values: c.epochLoss, color: "#2f6fd0", label: "epoch" },
      { values: c.valLoss, color: "#d64541", label: "validation" }], {});
    drawChart(document.getElementById("chart-acc"), [
      { values: c.batchAcc, color: "#a8d8b4", label: "running" },
      { values: c.valAcc, color: "#2e9d4a", label: "validation" }], { min: 0, max: 1 });
  }

  // Curves are indexed by batch: epoch values sit at their epoch's last batch.
  function follow(id) {
    if (stream) stream.abort();
    following = id;
    curves = { batchLoss: [], batchAcc: [], epochLoss: [], valLoss: [], valAcc: [] };
    stateLine = ""; progressLine = ""; failed = false;
    document.getElementById("job-detail").hidden = false;
    document.getElementById("job-title").textContent = "Job " + id;
    document.querySelectorAll("#jobs tr").forEach(r => r.classList.toggle("selected", r.dataset.job === id));
    redraw();
    stream = saraf.events("/api/jobs/" + id + "/events", (name, e) => {
      const c = curves;
      if (name === "batch") {
        c.batchLoss.push(e.loss);
        c.batchAcc.push(e.accuracy);
        progressLine = "epoch " + e.epoch + "/" + e.epochs + ", batch " + e.batch + "/" + e.batches
          + ", loss " + fmt(e.loss, 4) + ", accuracy " + fmt(100 * e.accuracy, 1) + "%, "
          + Math.round(e.samples_per_second) + " samples/s";
        showLive();
      } else if (name === "epoch") {
        const at = c.batchLoss.length - 1;
        while (c.epochLoss.length < at) { c.epochLoss.push(NaN); c.valLoss.push(NaN); c.valAcc.push(NaN); }
        c.epochLoss.push(e.loss); c.valLoss.push(e.val_loss ?? NaN); c.valAcc.push(e.val_accuracy ?? NaN);
        progressLine = "epoch " + e.epoch + " done, loss " + fmt(e.loss, 4)
          + (e.val_accuracy != null ? ", validation accuracy " + fmt(100 * e.val_accuracy, 1) + "%" : "")
          + (e.samples_per_second != null ? ", " + Math.round(e.samples_per_second) + " samples/s" : "");
        showLive();
        refresh();
      } else if (name === "state") {
        stateLine = "job " + e.state + (e.error ? ": " + e.error : "") + (e.version ? " (registered as " + e.register_as + " version " + e.version + ")" : "");
        failed = e.state === "failed";
        showLive();
        refresh();
      }
      redraw();
    }, err => { if (err) saraf.status("job-live", "event stream ended: " + err.message, true); });
  }

  async function refresh() {
    try {
      await loadJobs();
      await loadModels();
      saraf.status("dash-status", "");
    } catch (e) {
      saraf.status("dash-status", e.status === 401
        ? "Enter an API token above (create one with: saraf token create) to see models and jobs."
        : "Cannot load: " + e.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("job-form").addEventListener("submit", async ev => {
      ev.preventDefault();
      const f = new FormData(ev.target);
      const spec = {};
      for (const [k, v] of f.entries()) spec[k] = ["epochs", "batch_size", "lr"].includes(k) ? Number(v) : v;
      try {
        const job = await saraf.api("POST", "/api/jobs", spec);
        await refresh();
        follow(job.id);
      } catch (e) {
        saraf.status("dash-status", "Cannot start the job: " + e.message, true);
      }
    });
    saraf.onShow("dashboard", refresh);
  });

  return { refresh, follow };
})();
