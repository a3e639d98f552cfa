// One contract, checked: tools/bridge-map.d.ts states the element's public
// contract (attributes, properties, methods, events, CSS parts, CSS custom
// properties). This suite reads it with the TypeScript compiler and fails
// when README.md's API table, the core's vocabulary or the element itself, at
// run time in Chromium, say anything else.
//
//   node --test tools/e2e/contract.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, evalMap, openMapPage, until } from "./helpers.mjs";
import { VOCABULARY } from "../../www/bridge-map-vocabulary.js";

const DTS = path.join(ROOT, "tools", "bridge-map.d.ts");
const sorted = (xs) => [...new Set(xs)].sort();

/**
 * The declarations, parsed. The repository pins TypeScript 7 (the native
 * compiler, which has no JavaScript API), so this reads the two shapes the
 * contract uses: unions of string literals and interfaces' member names.
 */
function declarations() {
  // Comments out, so doc text cannot look like a declaration.
  const text = readFileSync(DTS, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "")
    .replace(/=>/g, "→"); // an arrow's ">" is not a closing bracket
  const union = (name) => {
    const m = new RegExp(`export type ${name}\\s*=([^;]*);`).exec(text);
    assert.ok(m, `bridge-map.d.ts declares type ${name}`);
    const members = m[1].split("|").map((x) => x.trim());
    for (const x of members) assert.match(x, /^"[^"]*"$/, `${name} is a union of string literals`);
    return members.map((x) => x.slice(1, -1));
  };
  const members = (name) => {
    const start = new RegExp(`export interface ${name}\\b[^{]*\\{`).exec(text);
    assert.ok(start, `bridge-map.d.ts declares interface ${name}`);
    let depth = 1, i = start.index + start[0].length, body = "";
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (c === "{" || c === "(" || c === "<") depth++;
      if (c === "}" || c === ")" || c === ">") depth--;
      body += depth === 1 && c !== ")" && c !== ">" && c !== "}" ? c : depth === 1 ? " " : "";
    }
    return sorted([...body.matchAll(/(?:^|[;\n])\s*(?:readonly\s+|get\s+|set\s+)?([A-Za-z_$][\w$]*)\s*\??\s*[:(]/g)].map((m) => m[1]));
  };
  return {
    attributes: union("BridgeMapAttribute"),
    states: union("BridgeMapStateAttribute"),
    parts: union("BridgeMapPart"),
    cssProperties: union("BridgeMapCssProperty"),
    events: members("BridgeMapEventMap"),
    // Event-listener overloads are HTMLElement's, not the element's own API.
    api: members("BridgeMapElement").filter((m) => m !== "addEventListener" && m !== "removeEventListener"),
  };
}

/** What README.md's API table names, by category. */
function readme() {
  const text = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = text.indexOf("| API | meaning |");
  assert.ok(start >= 0, "README.md has the API table");
  const rows = text.slice(start).split("\n\n")[0].split("\n").slice(2).map((r) => r.split("|")[1] ?? "");
  const out = { api: [], events: [], attributes: [], states: [], parts: [], cssProperties: [] };
  for (const cell of rows) {
    const names = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (cell.trim().startsWith("event")) out.events.push(...names);
    else if (cell.trim().startsWith("attribute")) out.attributes.push(...names);
    else if (cell.trim().startsWith("state")) out.states.push(...names);
    else if (cell.trim().startsWith("part")) out.parts.push(...names);
    else if (cell.trim().startsWith("CSS")) out.cssProperties.push(...names);
    else out.api.push(...names.map((n) => n.replace(/^el\./, "").replace(/\(.*$/, "")));
  }
  return out;
}

let map, page;

before(async () => {
  map = await openMapPage();
  ({ page } = map);
});

after(() => map?.close());

test("README.md's API table names exactly what the declarations declare", () => {
  const d = declarations();
  const r = readme();
  for (const key of ["api", "events", "attributes", "states", "parts", "cssProperties"]) {
    assert.deepEqual(sorted(r[key]), sorted(d[key]), `README ${key} vs bridge-map.d.ts`);
  }
});

test("the declared events are the core's events", () => {
  assert.deepEqual(sorted(declarations().events), sorted(VOCABULARY.events));
});

test("the declared data formats are the core's export formats", () => {
  const text = readFileSync(DTS, "utf8");
  const m = /export type DataFormat\s*=([^;]*);/.exec(text);
  assert.ok(m, "bridge-map.d.ts declares DataFormat");
  assert.deepEqual(sorted(m[1].split("|").map((x) => x.trim().slice(1, -1))), sorted(VOCABULARY.exportFormats));
});

test("the element at run time exposes exactly the declared contract", async () => {
  const d = declarations();
  const live = await evalMap(page, (el) => {
    const cls = customElements.get("bridge-map");
    const lifecycle = new Set(["constructor", "connectedCallback", "disconnectedCallback", "attributeChangedCallback", "adoptedCallback"]);
    const api = Object.getOwnPropertyNames(cls.prototype).filter((n) => !lifecycle.has(n));
    const parts = [...el.shadowRoot.querySelectorAll("[part]")].flatMap((n) => n.getAttribute("part").split(/\s+/));
    const css = [...el.shadowRoot.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join("\n");
    const cssProperties = [...css.matchAll(/var\((--bridge-map-[a-z-]+)/g)].map((m) => m[1]);
    return { attributes: cls.observedAttributes, api, parts, cssProperties };
  });
  assert.deepEqual(sorted(live.attributes), sorted(d.attributes), "observedAttributes vs BridgeMapAttribute");
  assert.deepEqual(sorted(live.api), sorted(d.api), "public members vs BridgeMapElement");
  assert.deepEqual(sorted(live.parts), sorted(d.parts), "shadow parts vs BridgeMapPart");
  assert.deepEqual(sorted(live.cssProperties), sorted(d.cssProperties), "custom properties vs BridgeMapCssProperty");
});

test("the element sets its declared state attribute data-compact by its own size", async () => {
  assert.ok(declarations().states.includes("data-compact"));
  const compact = () => evalMap(page, (el) => el.hasAttribute("data-compact"));
  assert.equal(await compact(), false, "a 1280×800 map is not compact");
  await page.setViewportSize({ width: 400, height: 700 });
  await until(page, () => document.getElementById("map").hasAttribute("data-compact"), null, "data-compact at 400×700");
  await page.setViewportSize({ width: 1280, height: 800 });
  await until(page, () => !document.getElementById("map").hasAttribute("data-compact"), null, "no data-compact at 1280×800");
});

test("the checks can fail: a README without an event, and a declaration with an extra member, are caught", () => {
  const r = readme();
  const d = declarations();
  assert.notDeepEqual(sorted(r.events.filter((e) => e !== "error")), sorted(d.events));
  assert.notDeepEqual(sorted([...d.api, "zoomTo"]), sorted(d.api));
});
