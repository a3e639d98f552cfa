// The guided tour: the "Take the tour" button and the step panel with
// Previous, Next and End. The core holds the steps and moves the map; this
// controller shows the step, keeps keyboard focus on the same button while
// the panel is rebuilt, and reports a step change (announcement, permalink,
// `tourstep` event) only when the core's step really changed. On a compact
// map (see layout.js), and wherever the whole card would cover the middle of
// the map (where the core puts the step's subject), the card is short: the
// step, its title and Previous/Next, and the text only after "Read more".

import { h, buildTour } from "../bridge-map-panels.js";
import { Controller, attrs, button } from "./controller.js";

/** The largest share of the map's area the tour card covers; beyond it
 *  the step's text scrolls. */
export const MAX_SHARE = 0.55;

/** Room (CSS px) around the middle of the map, where a step's subject
 *  lands, that the whole card keeps clear of (else the card is short). */
const MIDDLE_PX = 24;

export class TourController extends Controller {
  panel = attrs(h("section", "card tour"), { part: "tour", role: "region", "aria-labelledby": "tour-title" });
  start = attrs(button("tour-start"), { part: "tour-start" });
  #opened;
  /** The visitor asked for the text on a compact card ("Read more"). */
  #expanded = false;

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
      // Nothing of the last step stays in the closed card (its buttons hold
      // listeners): it is built afresh when the tour starts again.
      this.panel.replaceChildren();
      this.#expanded = false;
      return;
    }
    // Through the `step` property, so the attribute and the event follow.
    const go = (i) => { if (this.host) this.host.element.step = i + 1; };
    const end = () => { if (this.host) this.host.element.step = null; };
    const more = () => {
      this.#expanded = !this.#expanded;
      this.render();
    };
    const build = (short) => {
      this.panel.classList.toggle("short", short);
      this.panel.replaceChildren(...buildTour(steps[index], index, steps.length, host.t, go, end,
        { compact: short, expanded: this.#expanded, onMore: more }));
      this.fit();
    };
    if (this.panel.hidden) this.#opened();
    this.panel.hidden = false;
    // The short card on a compact map, and wherever the whole card would
    // cover the middle of the map, where the core puts the step's subject.
    const compact = host.element.hasAttribute("data-compact");
    build(compact);
    if (!compact && this.#coversMiddle()) build(true);
    if (kept) {
      const again = this.panel.querySelector(`button.${kept}`);
      const target = again && !again.disabled ? again : this.panel.querySelector("button:not(:disabled)");
      target?.focus();
    }
  }

  /** Whether the card covers the middle of the map (within MIDDLE_PX). */
  #coversMiddle() {
    const box = this.host.element.getBoundingClientRect();
    const r = this.panel.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    return r.left < x + MIDDLE_PX && r.right > x - MIDDLE_PX && r.top < y + MIDDLE_PX && r.bottom > y - MIDDLE_PX;
  }

  /** Caps the card's height so it covers at most MAX_SHARE of the map
   *  (and leaves a margin at the top); its text scrolls beyond. */
  fit() {
    const element = this.host?.element;
    if (!element || this.panel.hidden) return;
    const { clientWidth: w, clientHeight: h } = element;
    const width = this.panel.offsetWidth;
    if (!width || !h) return;
    // A CSSOM write, which a strict CSP (style-src 'self') allows.
    this.panel.style.maxHeight = `${Math.floor(Math.min(h - 24, (MAX_SHARE * w * h) / width) - 1)}px`;
    // Where the text scrolls, keyboard users must be able to reach it to
    // scroll it.
    const text = this.panel.querySelector(".tour-text");
    if (!text) return;
    if (!text.hidden && text.scrollHeight > text.clientHeight + 1) {
      text.tabIndex = 0;
      text.setAttribute("role", "group");
      text.setAttribute("aria-labelledby", "tour-title");
    } else {
      text.removeAttribute("tabindex");
      text.removeAttribute("role");
      text.removeAttribute("aria-labelledby");
    }
  }

  /** Opens step `step` (1-based; null ends the tour). With `fly` the map
   *  flies there (the core jumps instead under reduced motion); without,
   *  it jumps, as a permalink or the page's `step` attribute at load do.
   *  Whether the step changed is the core's call: it fires `tourstep` (see
   *  `mapEvent`). A step the tour does not have changes nothing: then it
   *  returns the number of steps there are. */
  go(step, { fly = false } = {}) {
    const map = this.map;
    if (!map) return undefined;
    const count = map.tour().length;
    if (step != null && !(Number.isInteger(step) && step >= 1 && step <= count)) return count;
    map.setStep(step == null ? null : step - 1, fly);
    return undefined;
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
