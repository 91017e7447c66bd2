// Shared by the pages: navigation by #hash, the API token (kept in this browser only) and
// fetch helpers that send it. No framework, no network beyond this server.
"use strict";

const saraf = (() => {
  const pages = ["dashboard", "draw", "playground"];
  const listeners = {};

  function token() {
    return localStorage.getItem("saraf.token") || "";
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (token()) h["Authorization"] = "Bearer " + token();
    return h;
  }

  // JSON request; rejects with the server's {"error": ...} message.
  async function api(method, path, body) {
    const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
    if (!res.ok) {
      const err = new Error((data && (data.error || data.title)) || res.status + " " + res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // Server-sent events over fetch (EventSource cannot send the Authorization header).
  // Calls onEvent(name, data) per event; returns an AbortController to stop.
  function events(path, onEvent, onEnd) {
    const ctl = new AbortController();
    (async () => {
      try {
        const res = await fetch(path, { headers: headers({ Accept: "text/event-stream" }), signal: ctl.signal });
        if (!res.ok) throw new Error(res.status + " " + res.statusText);
        const reader = res.body.getReader();
        const dec = new TextDecoder();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let name = "message", data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) name = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trim();
            }
            if (data) { try { onEvent(name, JSON.parse(data)); } catch (e) { /* a malformed event is skipped */ } }
          }
        }
        if (onEnd) onEnd(null);
      } catch (e) {
        if (onEnd && e.name !== "AbortError") onEnd(e);
      }
    })();
    return ctl;
  }

  function show(page) {
    if (!pages.includes(page)) page = "dashboard";
    for (const p of pages) {
      document.getElementById("page-" + p).classList.toggle("active", p === page);
      document.getElementById("nav-" + p).classList.toggle("active", p === page);
    }
    (listeners[page] || []).forEach(f => f());
  }

  function onShow(page, f) {
    (listeners[page] = listeners[page] || []).push(f);
  }

  function status(id, text, isError) {
    const el = document.getElementById(id);
    el.textContent = text || "";
    el.classList.toggle("error", !!isError);
  }

  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  document.addEventListener("DOMContentLoaded", () => {
    const input = document.getElementById("token");
    input.value = token();
    input.addEventListener("change", () => {
      localStorage.setItem("saraf.token", input.value.trim());
      show(location.hash.slice(1));
    });
  });
  // after every script's DOMContentLoaded handler has registered its onShow listeners
  window.addEventListener("load", () => show(location.hash.slice(1)));

  return { api, events, onShow, status, token };
})();
