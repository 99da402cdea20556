#!/usr/bin/env node
// Vendors the part of Mermaid that mkdocs-journeys needs into
// plugin/mkdocs_journeys/assets/mermaid/ so that built sites never fetch
// anything from another origin.
//
//   cd tools/mermaid && npm ci && node vendor.mjs           # (re)write the vendored copy
//   cd tools/mermaid && npm ci && node vendor.mjs --check   # exit 1 if it is stale
//
// What is copied: the ESM entry `mermaid.esm.min.mjs`, every chunk in its
// static import graph (the browser fetches all of them before running the
// entry), and the chunks that the loaders of the diagram types in DIAGRAMS
// import dynamically, with their own static import graphs. Every other
// diagram type, layout engine (dagre, cose-bilkent, ...) and KaTeX stays out:
// Mermaid only imports them when a page uses them.
//
// The result was checked against what Chromium actually requests when it
// renders a `journey` diagram
// (tests/browser/test_renderer_standalone.py fails if a request under
// /mermaid/ is not answered, i.e. if this list ever misses a file).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const SRC = path.join(HERE, "node_modules", "mermaid");
const DIST = path.join(SRC, "dist");
const OUT = path.join(REPO, "plugin", "mkdocs_journeys", "assets", "mermaid");
const ENTRY = "mermaid.esm.min.mjs";
// Diagram ids as Mermaid registers them. The experience curve is inline SVG, not Mermaid.
const DIAGRAMS = ["journey"];

const wanted = JSON.parse(fs.readFileSync(path.join(HERE, "package.json"), "utf8"))
  .dependencies.mermaid;
const installed = JSON.parse(fs.readFileSync(path.join(SRC, "package.json"), "utf8")).version;
if (installed !== wanted) {
  fail(`node_modules has mermaid ${installed}, package.json pins ${wanted}: run "npm ci" in tools/mermaid`);
}

function fail(message) {
  console.error(`vendor.mjs: ${message}`);
  process.exit(1);
}

const STATIC_RE = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_RE = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function read(rel) {
  return fs.readFileSync(path.join(DIST, rel), "utf8");
}

function resolve(fromRel, spec) {
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  if (rel.startsWith("..")) fail(`${fromRel} imports ${spec}, outside dist/`);
  if (!fs.existsSync(path.join(DIST, rel))) fail(`${fromRel} imports ${spec}, which does not exist`);
  return rel;
}

// Static import closure of `starts` (paths relative to dist/, posix style).
// Returns the set of files and the dynamic imports found in them.
function closure(starts) {
  const files = new Set();
  const dynamic = new Map(); // target -> importer
  const queue = [...starts];
  while (queue.length) {
    const rel = queue.pop();
    if (files.has(rel)) continue;
    files.add(rel);
    const text = read(rel);
    for (const m of text.matchAll(STATIC_RE)) queue.push(resolve(rel, m[1]));
    for (const m of text.matchAll(DYNAMIC_RE)) dynamic.set(resolve(rel, m[1]), rel);
  }
  return { files, dynamic };
}

// Each diagram is registered in the entry as
//   var X="journey",det=r(t=>/^\s*journey/.test(t),"detector"),
//   ld=r(async()=>{let{diagram:t}=await import("./chunks/.../journeyDiagram-HASH.mjs");...
// Find the first import() after the id's definition.
function diagramLoaderTarget(entryText, id) {
  const def = new RegExp(`var [\\w$]+="${id}",`, "g");
  const hits = [...entryText.matchAll(def)];
  if (hits.length !== 1) fail(`expected one registration of diagram "${id}" in ${ENTRY}, found ${hits.length}`);
  const start = hits[0].index;
  const rest = entryText.slice(start, start + 600);
  const m = rest.match(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/);
  if (!m) fail(`no loader import() found after diagram "${id}" in ${ENTRY}`);
  const between = rest.slice(0, m.index);
  if (/var [\w$]+="[\w-]+",/.test(between.slice(1))) fail(`loader for "${id}" not found next to its id`);
  return resolve(ENTRY, m[1]);
}

const core = closure([ENTRY]);
const entryText = read(ENTRY);
const files = new Set(core.files);
const report = [];
const noted = new Set(core.dynamic.keys());
const lazy = [...core.dynamic.keys()].filter((f) => !/Diagram|diagram-|-definition/.test(path.posix.basename(f)));
report.push(`left out (imported only by other diagram types or features): ${lazy.map((f) => path.posix.basename(f)).join(", ")}`);
for (const id of DIAGRAMS) {
  const target = diagramLoaderTarget(entryText, id);
  const sub = closure([target]);
  const added = [...sub.files].filter((f) => !files.has(f));
  added.forEach((f) => files.add(f));
  report.push(`${id}: ${target} (+${added.length} files)`);
  for (const [dyn, from] of sub.dynamic) {
    if (!files.has(dyn) && !noted.has(dyn)) report.push(`  note: ${from} may import ${dyn} at run time; not vendored`);
    noted.add(dyn);
  }
}

// sourceMappingURL comments pointing at maps we do not ship make DevTools
// request them; drop them. (Mermaid 11.17.2's .mjs files carry none, this is
// a guard for future versions.)
function stripSourceMaps(text) {
  return text.replace(/\n?\/\/# sourceMappingURL=\S+\.map\s*$/gm, "").replace(/\/\*# sourceMappingURL=\S+\.map\s*\*\//g, "");
}

const outputs = new Map(); // relative path in OUT -> Buffer
for (const rel of [...files].sort()) outputs.set(rel, Buffer.from(stripSourceMaps(read(rel)), "utf8"));
outputs.set("LICENSE", fs.readFileSync(path.join(SRC, "LICENSE")));
outputs.set("VERSION", Buffer.from(`${installed}\n`, "utf8"));

function listTree(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listTree(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}

if (process.argv.includes("--check")) {
  const present = new Set(listTree(OUT));
  const problems = [];
  for (const [rel, buf] of outputs) {
    if (!present.has(rel)) problems.push(`missing ${rel}`);
    else if (!fs.readFileSync(path.join(OUT, rel)).equals(buf)) problems.push(`differs ${rel}`);
    present.delete(rel);
  }
  for (const rel of present) problems.push(`unexpected ${rel}`);
  if (problems.length) fail(`vendored copy is stale:\n  ${problems.join("\n  ")}`);
  console.log(`vendored mermaid ${installed} is up to date (${outputs.size} files)`);
  process.exit(0);
}

fs.rmSync(OUT, { recursive: true, force: true });
let jsBytes = 0;
for (const [rel, buf] of outputs) {
  const dest = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, buf);
  if (rel.endsWith(".mjs")) jsBytes += buf.length;
}
console.log(report.join("\n"));
console.log(
  `vendored mermaid ${installed}: ${files.size} .mjs files, ${jsBytes} bytes of JS, into ${path.relative(REPO, OUT)}/`,
);
