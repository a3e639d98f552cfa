// Generated from the Rust core (src/paint/vocabulary.rs): do not edit.
// Refresh with `UPDATE_VOCABULARY=1 cargo test --test vocabulary`;
// `cargo test` fails while this file differs from the core.
export const VOCABULARY = Object.freeze({
  "languages": [
    "en",
    "kk",
    "kk-Latn",
    "ru"
  ],
  "dataLanguages": [
    "en",
    "kk",
    "ru"
  ],
  "dataLanguage": {
    "en": "en",
    "kk": "kk",
    "kk-Latn": "kk",
    "ru": "ru"
  },
  "layers": [
    "trade",
    "energy",
    "diplomacy",
    "plans"
  ],
  "kinds": [
    "corridor",
    "node",
    "event"
  ],
  "modes": [
    "rail",
    "road",
    "sea",
    "oil",
    "gas",
    "cable",
    "power"
  ],
  "mainModes": [
    "rail",
    "road",
    "multimodal",
    "oil",
    "gas",
    "cable",
    "power"
  ],
  "statuses": [
    "operating",
    "plan",
    "under-construction"
  ],
  "nodeTypes": [
    "border",
    "seaport",
    "dryport",
    "hub",
    "field",
    "terminal"
  ],
  "eventTypes": [
    "platform",
    "talks",
    "visit",
    "summit",
    "conference",
    "example"
  ],
  "themes": [
    "light",
    "dark",
    "auto"
  ],
  "events": [
    "viewchange",
    "select",
    "tourstep",
    "layerschange",
    "dataerror",
    "error"
  ],
  "shellEvents": [
    "ready",
    "hover",
    "hint",
    "flow"
  ],
  "flowStates": [
    "playing",
    "paused",
    "off"
  ],
  "exportFormats": [
    "geojson",
    "csv"
  ],
  "fontFamilies": "\"Noto Sans\", \"DejaVu Sans\", system-ui, sans-serif",
  "narrowPx": 640.0,
  "compactWidthPx": 480.0,
  "compactHeightPx": 420.0,
  "palette": {
    "dark": {
      "border": "#7e8a93",
      "cable": "#b197fc",
      "casing": "rgba(16,24,31,0.8)",
      "coast": "#8bc6ec",
      "diplomacy": "#9aa5ff",
      "event-stroke": "#10181f",
      "gas": "#34d3bd",
      "graticule": "rgba(143,180,204,0.12)",
      "halo": "rgba(16,24,31,0.85)",
      "hover-fill": "rgba(124,196,238,0.18)",
      "hover-outline": "#7cc4ee",
      "kazakhstan-fill": "#b8892a",
      "kazakhstan-label": "#fff3cf",
      "kazakhstan-outline": "#f5c94c",
      "label": "#dbe4ea",
      "land": "#2a333b",
      "node-fill": "#1b242c",
      "node-fill-in-kazakhstan": "#f5c94c",
      "node-stroke": "#e6edf2",
      "node-stroke-in-kazakhstan": "#10181f",
      "oil": "#e4e4e7",
      "particle": "#10181f",
      "power": "#f08cf5",
      "rail": "#ff6b5e",
      "road": "#ffa24d",
      "route-halo": "rgba(124,196,238,0.45)",
      "sea": "#62b3f5",
      "selected-fill": "rgba(255,138,128,0.16)",
      "selected-outline": "#ff8a80",
      "water": "#0e1c29",
      "water-label": "#8fc3e6"
    },
    "light": {
      "border": "#786e5e",
      "cable": "#7c3aed",
      "casing": "rgba(255,255,255,0.85)",
      "coast": "#356381",
      "diplomacy": "#4338ca",
      "event-stroke": "#ffffff",
      "gas": "#0f766e",
      "graticule": "rgba(91,135,163,0.18)",
      "halo": "rgba(255,255,255,0.85)",
      "hover-fill": "rgba(31,111,154,0.14)",
      "hover-outline": "#1f6f9a",
      "kazakhstan-fill": "#f5c94c",
      "kazakhstan-label": "#4a3000",
      "kazakhstan-outline": "#8a5a00",
      "label": "#44505a",
      "land": "#f6f2e9",
      "node-fill": "#ffffff",
      "node-fill-in-kazakhstan": "#f5c94c",
      "node-stroke": "#1d2a33",
      "node-stroke-in-kazakhstan": "#4a3000",
      "oil": "#27272a",
      "particle": "#ffffff",
      "power": "#c026d3",
      "rail": "#b3261e",
      "road": "#c2410c",
      "route-halo": "rgba(31,111,154,0.5)",
      "sea": "#1d5fa8",
      "selected-fill": "rgba(184,50,42,0.12)",
      "selected-outline": "#b8322a",
      "water": "#cfe3ee",
      "water-label": "#2b5f82"
    }
  }
});
