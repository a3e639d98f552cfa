// Minifies the element's stylesheet for the bundles (tools/package.mjs): its
// comments and the whitespace CSS does not need go, about 0.2 KB of the
// first download gzipped. tools/e2e/sizes.test.mjs checks that the browser
// parses the minified sheet into the same rules.

/** `css` without comments and needless whitespace. Keeps the spaces of
 *  descendant selectors, of values and of calc(). */
export function minifyCss(css) {
  return css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ")
    .replace(/\s*([;>}])\s*/g, "$1").replace(/\s+\{\s*/g, "{").replace(/:\s+/g, ":").trim();
}
