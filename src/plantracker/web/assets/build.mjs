// Copy and compile the vendored front-end assets into ../static/vendor.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
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
console.log("vendored into", out);
