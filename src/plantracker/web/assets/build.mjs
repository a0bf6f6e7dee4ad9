// Copy and compile the vendored front-end assets into ../static/vendor.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "../static/vendor";
mkdirSync(`${out}/govuk`, { recursive: true });
const css = sass.compile("govuk.scss", { style: "compressed", quietDeps: true, silenceDeprecations: ["import"] });
writeFileSync(`${out}/govuk/govuk-frontend.min.css`, css.css);
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk/govuk-frontend.min.js`);
cpSync("node_modules/govuk-frontend/dist/govuk/assets/images", `${out}/govuk/assets/images`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx.min.js`);
cpSync("node_modules/vega/build/vega.min.js", `${out}/vega.min.js`);
cpSync("node_modules/vega-lite/build/vega-lite.min.js", `${out}/vega-lite.min.js`);
cpSync("node_modules/vega-embed/build/vega-embed.min.js", `${out}/vega-embed.min.js`);

// Vega compiles chart expressions with the Function constructor unless given an interpreter.
// vega-interpreter ships only as an ES module importing vega-util, which vega.min.js already
// exposes on the global `vega`; turn it into a plain script so the pages' Content-Security-
// Policy can forbid eval.
const interpreterSource = readFileSync("node_modules/vega-interpreter/build/vega-interpreter.js", "utf8");
const importLine = /^import \{([^}]*)\} from 'vega-util';$/m;
const exportLine = /^export \{ expression as expressionInterpreter \};$/m;
if (!importLine.test(interpreterSource) || !exportLine.test(interpreterSource)) {
  throw new Error("vega-interpreter's module layout changed: update build.mjs");
}
const interpreter = interpreterSource
  .replace(importLine, (_, names) => `const {${names}} = vega;`)
  .replace(exportLine, "vega.expressionInterpreter = expression;")
  .replace(/^\/\/# sourceMappingURL=.*$/m, "");
writeFileSync(`${out}/vega-interpreter.js`, `(function () {\n${interpreter}})();\n`);
console.log("vendored into", out);
