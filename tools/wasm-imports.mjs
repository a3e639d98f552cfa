// Short import names for a wasm-bindgen module and its glue (used by
// tools/package.mjs on pkg/bridge_map_bg.wasm and pkg/bridge_map.js).
//
// wasm-bindgen names each import of its glue "__wbg_<name>_<16 hex
// digits>", and the glue module "./<crate>_bg.js". The hash makes every
// name unique but is random to a compressor: with 140 imports it cost about
// 1.9 KB gzipped in the glue and 1.2 KB in the wasm, of a first download
// held to 200 KB. This renames the glue module's imports to short names
// (`_0`, `_1`, … in the order of the import section) and the import modules
// to "a", "b", …, in the wasm's import section and in the glue's import
// object, and nothing else: function bodies, exports and the snippets'
// own export names (which the glue imports by name) are left alone.
//
// The glue must be wasm-bindgen's unminified output, whose import object
// spells each key as `name: function…` and each module as `"module":
// importN`: anything else fails loudly rather than leaving a wasm whose
// imports the glue does not provide.

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
    shift += 7;
  }
}

/** Encodes an unsigned LEB128. */
function leb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();
const name = (s) => [...leb(utf8.encode(s).length), ...utf8.encode(s)];

/** Length in bytes of an import descriptor starting at `at` (its kind byte). */
function descriptorEnd(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = uleb(bytes, p);
    if (flags & 1) [, p] = uleb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return uleb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return uleb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`wasm-imports: unknown import kind ${kind}`);
  }
}

/** Escapes `s` for a regular expression. */
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Renames the imports of `wasm` (bytes) provided by `glueModule` (for
 * example "./bridge_map_bg.js"), and every import module, in the wasm and
 * in `glue` (wasm-bindgen's unminified JS).
 * @returns {{wasm: Uint8Array, glue: string, renamed: number}}
 */
export function shortenImports(wasm, glue, glueModule) {
  const bytes = wasm instanceof Uint8Array ? wasm : new Uint8Array(wasm);
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = uleb(bytes, at + 1);
    if (id !== 2) {
      at = body + size;
      continue;
    }
    // The import section: a vector of (module, name, descriptor).
    let p = body;
    let count;
    [count, p] = uleb(bytes, p);
    const modules = new Map();
    const names = new Map();
    const entries = [];
    for (let i = 0; i < count; i++) {
      const read = () => {
        const [len, start] = uleb(bytes, p);
        p = start + len;
        return text.decode(bytes.subarray(start, start + len));
      };
      const module = read();
      const field = read();
      const descStart = p;
      p = descriptorEnd(bytes, p);
      if (!modules.has(module)) modules.set(module, String.fromCharCode(97 + modules.size));
      let short = field;
      if (module === glueModule) {
        if (!names.has(field)) names.set(field, `_${names.size.toString(36)}`);
        short = names.get(field);
      }
      entries.push([modules.get(module), short, bytes.subarray(descStart, p)]);
    }
    if (!modules.has(glueModule)) throw new Error(`wasm-imports: no import comes from ${glueModule}`);
    const section = [...leb(count)];
    for (const [module, field, desc] of entries) section.push(...name(module), ...name(field), ...desc);
    const out = new Uint8Array(at + 1 + leb(section.length).length + section.length + (bytes.length - (body + size)));
    out.set(bytes.subarray(0, at + 1), 0);
    out.set(leb(section.length), at + 1);
    out.set(section, at + 1 + leb(section.length).length);
    out.set(bytes.subarray(body + size), at + 1 + leb(section.length).length + section.length);

    let js = glue;
    /** Replaces the keys `pattern` finds; `once`: there must be exactly
     *  one, else at least one. */
    const replaceKeys = (pattern, to, what, once) => {
      let n = 0;
      js = js.replace(pattern, () => {
        n++;
        return to;
      });
      if (once ? n !== 1 : n < 1) throw new Error(`wasm-imports: ${what} appears ${n} times as a key in the glue`);
    };
    for (const [from, to] of names) {
      replaceKeys(new RegExp(`(?<![\\w$.])${literal(from)}(?=\\s*:\\s*function\\b)`, "g"), to, from, true);
    }
    // wasm-bindgen repeats a snippet module's key, once per import object
    // of it (the last one wins; they are the same module).
    for (const [from, to] of modules) {
      replaceKeys(new RegExp(`(["'])${literal(from)}\\1(?=\\s*:)`, "g"), JSON.stringify(to), `module ${from}`, false);
    }
    return { wasm: out, glue: js, renamed: names.size };
  }
  throw new Error("wasm-imports: the module has no import section");
}
