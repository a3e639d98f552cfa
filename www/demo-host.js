// The demo forum page: a caption that follows the article map's selection,
// and the host side of the iframe embed (auto height, language buttons).
// The page loads this script bundled with the element
// (pkg/demo-host.bundle.js, made by tools/package.mjs).
import "./bridge-map.js";

const articleMap = document.getElementById("article-map");
const selection = document.getElementById("article-selection");
articleMap.addEventListener("select", (e) => {
  selection.textContent = e.detail && e.detail.kind !== "country"
    ? `Selected: ${e.detail.name}.`
    : "Click a route for details.";
});

const frame = document.getElementById("embed-frame");
const frameOrigin = new URL(frame.src).origin;
window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.origin !== frameOrigin) return;
  const msg = event.data;
  if (msg && msg.type === "bridge-map:height" && Number.isFinite(msg.height)) {
    frame.style.height = `${Math.round(msg.height)}px`;
  }
});

const buttons = document.querySelectorAll(".frame-controls button");
for (const button of buttons) {
  button.addEventListener("click", () => {
    frame.contentWindow.postMessage({ type: "bridge-map:setLang", lang: button.dataset.lang }, frameOrigin);
    for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
  });
}
