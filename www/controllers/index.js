// The shell of <bridge-map>: makes one of each controller, introduces the
// ones that work together (the twin moves the tooltip and hands focus to
// the info panel, the tour folds the layers panel, the controls hold the
// flow's play/pause, download, share and About buttons, Escape closes the
// share dialog, the About box, the info panel or the attribution, the layout follows the map's size
// and tells the legend and the tour), and lays their DOM out in the shadow
// root. The element attaches and detaches them all together.

import { h } from "../bridge-map-panels.js";
import { attrs } from "./controller.js";
import { AboutController } from "./about.js";
import { AttributionController } from "./attribution.js";
import { ControlsController } from "./controls.js";
import { DownloadController } from "./download.js";
import { EnvironmentController } from "./environment.js";
import { ErrorController } from "./error-state.js";
import { FlowController } from "./flow.js";
import { HintController } from "./hint.js";
import { InfoController } from "./info.js";
import { KeyboardController } from "./keyboard.js";
import { LayersController } from "./layers.js";
import { LayoutController } from "./layout.js";
import { LiveController } from "./live.js";
import { LoaderController } from "./loader.js";
import { ModesController } from "./modes.js";
import { PermalinkController } from "./permalink.js";
import { ShareController } from "./share.js";
import { TooltipController } from "./tooltip.js";
import { TourController } from "./tour.js";
import { TwinController } from "./twin.js";

/**
 * Builds the shadow DOM of one map and its controllers.
 * @param {ShadowRoot} root
 * @param {object} options
 * @param {string|Uint8Array} options.geometryUrl  default geometry
 * @param {string|((lang: string) => string)|null} options.dataUrl  default overlay data (or each language's pack)
 * @param {((lang: string) => string)|null} [options.outlineUrl]  each pack's outline, drawn first
 * @param {string|null} [options.fullDataUrl]  the shipped overlay in every language, for "Download data"
 * @param {ElementInternals|null} options.internals  for the `dark` custom state
 * @param {(err: Error) => void} options.fail  the element's fatal error path
 * @param {() => void} options.retry  mounts the map afresh (the error state's button)
 * @returns the canvases the core draws on, their stage, and the controllers by concern
 */
export function buildShell(root, { geometryUrl, dataUrl, outlineUrl = null, fullDataUrl = null, internals, fail, retry }) {
  const canvas = attrs(h("canvas"), { part: "canvas", tabindex: "0", role: "application", "aria-roledescription": "map" });
  // The flow particles: one element per dot, animated on the compositor.
  const particles = attrs(h("div", "particles"), { part: "particles", "aria-hidden": "true" });
  // Hover, selection and tour highlights, drawn by the core over the map
  // canvas it follows (so a highlight change leaves the map's pixels alone).
  const highlights = attrs(h("canvas", "highlights"), { "aria-hidden": "true" });
  // The picture holds everything drawn for one view (the map canvas, its
  // highlights and the particle layer): while the view moves the core moves
  // it with one CSS transform. The stage around it never moves and takes
  // the input.
  const picture = h("div", "picture");
  picture.append(canvas, highlights, particles);
  const stage = h("div", "stage");
  stage.append(picture);
  const tooltip = new TooltipController();
  const info = new InfoController();
  // The About box and the share dialog take the same place: one closes as
  // the other opens.
  const about = new AboutController(() => share.hide());
  const download = new DownloadController();
  const share = new ShareController(download, fullDataUrl, () => about.hide());
  const flow = new FlowController();
  const layers = new LayersController();
  const tour = new TourController(() => layers.fold());
  const controls = new ControlsController([flow.button, download.button, share.button, about.button]);
  const attribution = new AttributionController();
  const controllers = {
    tooltip, info, about, share, download, flow, layers, tour, controls, attribution,
    layout: new LayoutController({ layers, tour, attribution }),
    twin: new TwinController({ tooltip, info }),
    keyboard: new KeyboardController({ share, about, info, attribution }),
    modes: new ModesController(stage, canvas, { controls, tour }),
    live: new LiveController(),
    hint: new HintController(),
    loader: new LoaderController(geometryUrl, dataUrl, outlineUrl),
    error: new ErrorController(fail, retry),
    permalink: new PermalinkController(),
    env: new EnvironmentController(internals),
  };
  const { twin, live, hint, loader, error } = controllers;
  // Document order is the tab order: map, twin, layers, dialogs, tour, controls.
  root.append(stage, twin.node, live.node, hint.node, loader.status, tooltip.node, layers.node,
    info.node, tour.panel, about.dialog, share.dialog, tour.start, controls.node, attribution.node, loader.dataError, error.node);
  return { canvas, particles, stage, controllers };
}
