// The flow animation's play/pause button among the map controls, and the
// visitor's interactions with the map's panels. The core decides everything
// else (controllers never keep timers for it): it pauses the flow after a
// minute without interaction (`flow-pause` sets another period), and ends
// that pause when the visitor interacts; a pause asked for with this button
// lasts until it is pressed again. The core tells the state in a `flow`
// event: the button shows ❚❚ while the dots move, ▶ (highlighted) while
// they hold still, and is hidden when there are none (reduced motion, no
// moving layer shown).

import { VOCABULARY } from "../bridge-map-vocabulary.js";
import { Controller, button } from "./controller.js";

const [PLAYING, PAUSED, OFF] = VOCABULARY.flowStates;
const SVG = "http://www.w3.org/2000/svg";

/** A 14×14 icon: two bars (pause) or a triangle (play). */
function icon(play) {
  const s = document.createElementNS(SVG, "svg");
  for (const [k, v] of Object.entries({ width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" })) s.setAttribute(k, v);
  const shapes = play ? [["path", { d: "M3 1.5 L12.5 7 L3 12.5 Z" }]]
    : [["rect", { x: 2.5, y: 1.5, width: 3.2, height: 11 }], ["rect", { x: 8.3, y: 1.5, width: 3.2, height: 11 }]];
  for (const [tag, attrs] of shapes) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.setAttribute("fill", "currentColor");
    s.append(node);
  }
  return s;
}

export class FlowController extends Controller {
  /** The play/pause button; the map controls hold it. */
  button = button("flow");
  #state = OFF;
  #t = null;

  constructor() {
    super();
    this.button.setAttribute("part", "flow");
    this.button.hidden = true;
  }

  listen(signal) {
    this.button.addEventListener("click", () => {
      this.host.element.flow = this.#state === PLAYING ? PAUSED : PLAYING;
    }, { signal });
    // A click, key or wheel anywhere in the map's panels and buttons is an
    // interaction (the core sees the canvas's own input itself). The
    // button is left out: pressing ▶ must play, not first end an idle
    // pause and then pause again.
    const interacted = (e) => {
      const path = e.composedPath();
      if (!path.includes(this.button) && !path.includes(this.host.canvas)) this.map?.interacted();
    };
    for (const type of ["pointerdown", "keydown", "wheel"]) {
      this.host.root.addEventListener(type, interacted, { signal, passive: true });
    }
  }

  mapEvent(type, detail) {
    if (type === "flow") {
      this.#state = detail;
      this.#render();
    }
  }

  text(t) {
    this.#t = t;
    this.#render();
  }

  hide() {
    this.button.hidden = true;
  }

  stopped() {
    this.#state = OFF;
    this.#render();
  }

  #render() {
    const b = this.button;
    b.hidden = this.#state === OFF;
    const paused = this.#state === PAUSED;
    b.classList.toggle("paused", paused);
    b.replaceChildren(icon(paused));
    if (!this.#t) return;
    const label = paused ? this.#t.flowPlay : this.#t.flowPause;
    b.setAttribute("aria-label", label);
    b.title = label;
  }
}
