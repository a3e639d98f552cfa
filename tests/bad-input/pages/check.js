// Shared by the corpus's host pages (tests/bad-input/cases.json, "pages"):
// each page runs its scenario, records what it checked in window.__checks
// and resolves window.__done; tools/e2e/bad-input.test.mjs reads both, and
// watches every error and dataerror event and the console itself.

export const checks = (window.__checks = []);
let finish;
window.__done = new Promise((resolve) => { finish = resolve; });

/** Records one check: `what` held (`ok`), with the value seen. */
export function check(what, ok, got) {
  checks.push({ what, ok: Boolean(ok), got: got === undefined ? undefined : JSON.stringify(got) });
}

/** Runs the page's scenario; an exception is a failed check. */
export async function run(scenario) {
  try {
    await customElements.whenDefined("bridge-map");
    await scenario();
  } catch (e) {
    check(`no exception (${e && e.stack ? e.stack : e})`, false);
  }
  finish();
}

/** The element's next `type` event's detail; armed before the action. */
export function next(el, type) {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve(e.detail ?? null), { once: true }));
}

/** Waits `n` animation frames. */
export function frames(n = 2) {
  return new Promise((resolve) => {
    const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });
}

/** Polls `fn` on every animation frame until it is truthy. */
export function until(fn) {
  return new Promise((resolve) => {
    const poll = () => (fn() ? resolve() : requestAnimationFrame(poll));
    poll();
  });
}

/** Whether `el` shows a working map: a view, a country under Astana. */
export function works(el) {
  const at = el.project(71.446, 51.18);
  const hit = at && el.pick(at.x, at.y, "country");
  return Boolean(el.view && Number.isFinite(el.view.zoom) && hit && hit.id === "KAZ" && el.getAttribute("data-state") !== "error");
}
