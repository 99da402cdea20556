// mkdocs-journeys: renders the journey diagrams of a page with the Mermaid
// copy vendored next to this file. Nothing is fetched from another origin, and
// Mermaid (with the chunks for `journey`) is only downloaded once a page
// actually has a diagram.
//
// Markup produced by the plugin:
//   <div class="journeys-diagram" data-diagram="journey">
//     <pre class="journeys-diagram__source">HTML-escaped Mermaid source</pre>
//   </div>
// Once done the container gets data-state="rendered" (SVG in a child
// <div class="journeys-diagram__svg">, source hidden) or data-state="error"
// (source kept visible, message in <p class="journeys-diagram__error">).
//
// window.journeysDiagrams.ready is a promise settled when the diagrams of the
// current page are all done (rendered or error); it is replaced on each
// (instant) page change and palette change.

// The plugin option `mermaid_js` rewrites this path when it copies this file.
const MERMAID_URL = new URL("./mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const SELECTOR = ".journeys-diagram";
const SOURCE_SELECTOR = ".journeys-diagram__source";
const SVG_CLASS = "journeys-diagram__svg";
const ERROR_CLASS = "journeys-diagram__error";
const CROP_PADDING = 8; // user units kept around the content when cropping

let mermaidPromise = null;
let appliedTheme = null;
let counter = 0;

function loadMermaid() {
  if (!mermaidPromise) {
    // An ES module build exports Mermaid; the classic mermaid.min.js sets a global.
    mermaidPromise = import(MERMAID_URL).then((module) => module.default || globalThis.mermaid);
    mermaidPromise.catch(() => {
      mermaidPromise = null; // let a later page try again
    });
  }
  return mermaidPromise;
}

function currentTheme() {
  const scheme = document.body ? document.body.getAttribute("data-md-color-scheme") : null;
  return scheme === "slate" ? "dark" : "default";
}

function configure(mermaid, theme) {
  if (theme === appliedTheme) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme,
    // Mermaid must not add its "Syntax error" bomb to the page: errors are
    // shown by us, next to the source.
    suppressErrorRendering: true,
  });
  appliedTheme = theme;
}

function sourceOf(container) {
  const pre = container.querySelector(SOURCE_SELECTOR);
  return pre ? pre.textContent : "";
}

function clearOutput(container) {
  for (const child of Array.from(container.children)) {
    if (child.classList.contains(SVG_CLASS) || child.classList.contains(ERROR_CLASS)) {
      child.remove();
    }
  }
}

function numbers(value) {
  return (value || "")
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

// Give the SVG its natural pixel size (no shrinking to the column: the
// container scrolls sideways) and crop the blank space around its content.
// `svg` must be attached to a rendered (not display:none) part of the
// document for getBBox() to measure it.
function fitSvg(svg) {
  svg.style.removeProperty("max-width");
  let box = numbers(svg.getAttribute("viewBox"));
  try {
    const bb = svg.getBBox();
    if (bb.width > 0 && bb.height > 0) {
      box = [
        bb.x - CROP_PADDING,
        bb.y - CROP_PADDING,
        bb.width + 2 * CROP_PADDING,
        bb.height + 2 * CROP_PADDING,
      ].map((n) => Math.round(n * 100) / 100);
      svg.setAttribute("viewBox", box.join(" "));
    }
  } catch (_) {
    // getBBox() throws on some engines when nothing is laid out: keep viewBox.
  }
  if (box.length === 4 && box[2] > 0 && box[3] > 0) {
    svg.setAttribute("width", String(Math.ceil(box[2])));
    svg.setAttribute("height", String(Math.ceil(box[3])));
    svg.style.removeProperty("width");
    svg.style.removeProperty("height");
  }
}

// An off-screen, laid-out host to measure SVGs in: the diagram container may
// sit in a hidden tab or a closed <details>, where getBBox() sees nothing.
function measuringHost() {
  const host = document.createElement("div");
  host.setAttribute("aria-hidden", "true");
  host.style.cssText =
    "position:absolute;top:0;left:-100000px;visibility:hidden;pointer-events:none;contain:layout;";
  document.body.appendChild(host);
  return host;
}

function removeLeftovers(id) {
  // Mermaid renders into a temporary element and may leave it behind on errors.
  for (const stray of [document.getElementById(id), document.getElementById(`d${id}`)]) {
    if (stray && !stray.closest(SELECTOR)) stray.remove();
  }
}

async function renderOne(mermaid, container) {
  const pre = container.querySelector(SOURCE_SELECTOR);
  const source = sourceOf(container);
  const id = `journeys-diagram-${++counter}`;
  // A re-render (palette change) keeps the old drawing until the new one is
  // ready, so the page does not jump.
  if (!container.hasAttribute("data-state")) container.setAttribute("data-state", "rendering");
  let host = null;
  try {
    const { svg } = await mermaid.render(id, source);
    const wrapper = document.createElement("div");
    wrapper.className = SVG_CLASS;
    host = measuringHost();
    host.appendChild(wrapper);
    wrapper.innerHTML = svg; // Mermaid's own output, sanitised by securityLevel "strict"
    const el = wrapper.querySelector("svg");
    if (!el) throw new Error("Mermaid returned no SVG");
    fitSvg(el);
    clearOutput(container);
    container.appendChild(wrapper);
    if (pre) pre.hidden = true;
    container.setAttribute("data-theme", appliedTheme);
    container.setAttribute("data-state", "rendered");
  } catch (error) {
    removeLeftovers(id);
    clearOutput(container);
    if (pre) pre.hidden = false;
    const message = document.createElement("p");
    message.className = ERROR_CLASS;
    message.setAttribute("role", "alert");
    const text = error && error.message ? error.message : String(error);
    message.textContent = `Diagram error: ${text}`;
    container.appendChild(message);
    container.setAttribute("data-state", "error");
  } finally {
    if (host) host.remove();
  }
}

// Renders the diagrams of the document. `all` re-renders those already done
// (palette change); otherwise only new ones are rendered.
async function renderAll(all) {
  const containers = Array.from(document.querySelectorAll(SELECTOR)).filter((c) => {
    const state = c.getAttribute("data-state");
    return all ? state === "rendered" || state === "error" || !state : !state;
  });
  if (!containers.length) return;
  let mermaid;
  try {
    mermaid = await loadMermaid();
  } catch (error) {
    for (const container of containers) {
      container.setAttribute("data-state", "error");
      const message = document.createElement("p");
      message.className = ERROR_CLASS;
      message.textContent = `Diagram renderer could not be loaded: ${error && error.message ? error.message : error}`;
      clearOutput(container);
      container.appendChild(message);
    }
    return;
  }
  configure(mermaid, currentTheme());
  // One at a time: mermaid.render shares state between calls.
  for (const container of containers) {
    if (!container.isConnected) continue;
    await renderOne(mermaid, container);
  }
}

// ---- scheduling -----------------------------------------------------------

let queue = Promise.resolve();
let resolveFirst;
let ready = new Promise((resolve) => {
  resolveFirst = resolve;
});

function schedule(all) {
  const run = queue.then(() => renderAll(all)).catch((error) => {
    // Never let one failure stop later runs; report it like the browser would.
    console.error("mkdocs-journeys:", error);
  });
  queue = run;
  ready = run;
  run.then(resolveFirst);
  return run;
}

window.journeysDiagrams = Object.freeze({
  get ready() {
    return ready;
  },
  render: () => schedule(false),
});

function watchPalette() {
  // Material sets data-md-color-scheme on <body>; watch from the root so a
  // replaced <body> is still seen.
  new MutationObserver(() => {
    // appliedTheme is null until a page with diagrams was rendered; the first
    // run reads the palette itself.
    if (appliedTheme !== null && currentTheme() !== appliedTheme) schedule(true);
  }).observe(document.documentElement, {
    attributes: true,
    subtree: true,
    attributeFilter: ["data-md-color-scheme"],
  });
}

function start() {
  watchPalette();
  const documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    // Material for MkDocs: emits on load and after each instant navigation.
    documents.subscribe(() => schedule(false));
  } else {
    schedule(false);
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}
