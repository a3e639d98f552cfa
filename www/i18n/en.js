// The UI text of <bridge-map> in English: one language per file, so a page
// downloads only the language it shows (bridge-map-i18n.js loads it).
// English is bundled with the element (the text of any language that cannot
// be loaded); its keys are every language's, which tools/e2e/text.test.mjs
// checks.

export default {
  label: "Interactive map of Eurasia centred on Kazakhstan. Drag or use the arrow keys to pan, plus and minus to zoom, 0 to reset.",
  zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset view", loading: "Loading map…",
  error: "The map could not be displayed.", dataError: "The map data could not be used.", errorDetails: "Technical details", retry: "Try again",
  attribution: "Boundaries: Natural Earth · Names: Unicode CLDR · Facts: see each feature's sources",
  kinds: { country: "Country", corridor: "Corridor", node: "Place", event: "Diplomacy" },
  layersTitle: "Layers", legendTitle: "Legend", showLegend: "Layers and legend",
  layers: { trade: "Trade routes", energy: "Energy", diplomacy: "Diplomacy", plans: "Plans" },
  legend: {
    rail: "Rail", road: "Road", sea: "Sea crossing", indicative: "Indicative leg (no source confirms traffic here)",
    "in-kazakhstan": "Section inside Kazakhstan", oil: "Oil pipeline", gas: "Gas pipeline", plan: "Planned link",
    diplomacy: "Diplomatic link", border: "Border crossing", seaport: "Seaport", dryport: "Dry port or hub",
    field: "Oil field or terminal", event: "Diplomatic event", kaz: "Place in Kazakhstan", city: "City",
  },
  modes: { rail: "rail", road: "road", sea: "sea", oil: "oil", gas: "gas", cable: "cable", power: "power", multimodal: "rail and sea" },
  status: { operating: "Operating", plan: "Plan", "under-construction": "Under construction" },
  nodeTypes: { border: "Border crossing", seaport: "Seaport", dryport: "Dry port", hub: "Hub", field: "Oil field", terminal: "Terminal" },
  eventTypes: { platform: "Platform for dialogue", talks: "Talks", visit: "Visit", summit: "Summit", conference: "Conference", example: "Example cited in the op-ed" },
  panel: {
    close: "Close", mode: "Mode", status: "Status", length: "Length", measured: "longest branch, measured along the drawn route",
    figures: "Figures", sources: "Sources", date: "Date", country: "Country",
    proxy: "The marker stands at the nearest town; the exact site is not mapped.",
    indicative: "Dashed legs are indicative: they follow geography, but no source confirms traffic uses them.",
    year: "Year",
  },
  tour: { start: "Take the tour", next: "Next", prev: "Previous", close: "End tour", more: "Read more", less: "Show less", step: (i, n) => `Step ${i} of ${n}` },
  km: "km",
  region: "Map of Kazakhstan as a bridge between East and West",
  twin: "Map features: routes, places and diplomatic events. Use the arrow keys to move between them and Enter to open one.",
  twinGroups: { corridor: "Routes", node: "Places", event: "Diplomatic events" },
  announceSelect: (name, kind) => `Selected: ${name}, ${kind}. Details are open; press Escape to close them.`,
  announceClear: "Selection cleared.",
  announceStep: (i, n, title) => `Tour step ${i} of ${n}: ${title}`,
  hintWheel: (mac) => `Use ${mac ? "⌘" : "Ctrl"} + scroll to zoom the map`,
  hintTouch: "Use two fingers to move the map",
  download: "Download PNG", about: "About this map", mapCredits: "Map credits",
  flowPause: "Pause the flow animation", flowPlay: "Resume the flow animation",
  pngTitle: "Kazakhstan: the bridge between East and West",
  share: "Embed this view or download the data",
};
