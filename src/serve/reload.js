// Live reload for `katalog serve`; the server adds it to pages it serves, never to a built
// site. Reloads the page when the site has been rebuilt, and shows the build's errors over
// the page until they are fixed. Text is inserted as text, never as HTML.
(() => {
  "use strict";
  const base = "/__katalog/";
  // The build this page comes from; a newer one may have finished before we connected.
  const generation = new URL(document.currentScript.src).searchParams.get("g");
  let overlay = null;

  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "katalog-errors";
      overlay.setAttribute("role", "alert");
      Object.assign(overlay.style, {
        position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", margin: "0",
        padding: "1.5rem", background: "rgba(20, 20, 20, 0.95)", color: "#ffe9e9",
        font: "14px/1.5 ui-monospace, monospace", whiteSpace: "pre-wrap",
      });
      document.body.append(overlay);
    }
    overlay.textContent = "katalog: the last build failed; this page is the previous one.\n\n" + text;
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  async function check() {
    const response = await fetch(base + "errors", { cache: "no-store" });
    const state = await response.json();
    if (state.errors) show(state.errors); else hide();
  }

  const events = new EventSource(base + "events");
  events.addEventListener("hello", (event) => {
    if (event.data !== generation) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("errors", check);
  check();
})();
