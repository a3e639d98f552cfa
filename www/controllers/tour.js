// The guided tour: the "Take the tour" button and the step panel with
// Previous, Next and End. The core holds the steps and moves the map; this
// controller shows the step, keeps keyboard focus on the same button while
// the panel is rebuilt, and reports a step change (announcement, permalink,
// `tourstep` event) only when the core's step really changed.

import { h, buildTour } from "../bridge-map-panels.js";
import { Controller, attrs, button } from "./controller.js";

export class TourController extends Controller {
  panel = attrs(h("section", "card tour"), { part: "tour", role: "region", "aria-labelledby": "tour-title" });
  start = attrs(button("tour-start"), { part: "tour-start" });
  #opened;

  /** @param {() => void} opened  called when the panel appears (the tour sets the layers itself) */
  constructor(opened) {
    super();
    this.#opened = opened;
    this.panel.hidden = true;
    this.start.hidden = true;
  }

  listen(signal) {
    this.start.addEventListener("click", () => { this.host.element.step = 1; }, { signal });
  }

  text(t) {
    this.start.textContent = t.tour.start;
  }

  /** Shows the current step, or the start button when no tour runs. */
  render() {
    const host = this.host;
    const map = this.map;
    const steps = map ? map.tour() : [];
    const index = map?.step;
    // Read focus before anything is hidden or rebuilt: keyboard users stay
    // where they were, on the same tour button, or on Next when the tour
    // was just started from its (about to be hidden) button.
    const focused = host?.root.activeElement;
    const kept = focused && this.panel.contains(focused) ? focused.className : focused === this.start ? "next" : null;
    this.start.hidden = steps.length === 0 || index != null || host?.element.getAttribute("interactive") === "false";
    if (index == null || !steps[index]) {
      this.panel.hidden = true;
      return;
    }
    // Through the `step` property, so the attribute and the event follow.
    const go = (i) => { if (this.host) this.host.element.step = i + 1; };
    const end = () => { if (this.host) this.host.element.step = null; };
    this.panel.replaceChildren(...buildTour(steps[index], index, steps.length, host.t, go, end));
    if (this.panel.hidden) this.#opened();
    this.panel.hidden = false;
    if (kept) {
      const again = this.panel.querySelector(`button.${kept}`);
      const target = again && !again.disabled ? again : this.panel.querySelector("button:not(:disabled)");
      target?.focus();
    }
    // On a narrow map the text scrolls: keyboard users must be able to
    // reach it to scroll it.
    const text = this.panel.querySelector(".tour-text");
    if (text && text.scrollHeight > text.clientHeight) {
      text.tabIndex = 0;
      text.setAttribute("role", "group");
      text.setAttribute("aria-labelledby", "tour-title");
    }
  }

  /** Opens step `step` (1-based; anything else ends the tour). With `fly`
   *  the map flies there (the core jumps instead under reduced motion);
   *  without, it jumps, as a permalink or the page's `step` attribute at
   *  load do. Whether the step changed is the core's call: it fires
   *  `tourstep` (see `mapEvent`). */
  go(step, { fly = false } = {}) {
    const map = this.map;
    if (!map) return;
    const count = map.tour().length;
    map.setStep(Number.isInteger(step) && step >= 1 && step <= count ? step - 1 : null, fly);
  }

  /** The core moved the tour (`detail` is {step, id}, or null when it
   *  ended): rebuild the panels and tell screen readers. */
  mapEvent(type, detail) {
    const host = this.host;
    const map = this.map;
    if (type !== "tourstep" || !map) return;
    host.refresh();
    if (detail) {
      const steps = map.tour();
      host.announce(host.t.announceStep(detail.step, steps.length, steps[detail.step - 1]?.title ?? ""));
    }
  }

  hide() {
    this.panel.hidden = true;
    this.start.hidden = true;
  }
}
