// Render each chart from its Vega-Lite spec (a JSON data block beside it). The table next to
// each chart holds the same figures, so nothing is lost without JavaScript. Expressions go
// through vega-interpreter (ast: true) and no style element is added, so the pages'
// Content-Security-Policy can forbid eval and inline styles.
document.querySelectorAll(".app-chart__canvas").forEach((el) => {
  const data = document.getElementById(el.id + "-spec");
  if (!data || typeof vegaEmbed === "undefined") return;
  vegaEmbed(el, JSON.parse(data.textContent), {
    actions: false,
    renderer: "svg",
    ast: true,
    expr: vega.expressionInterpreter,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  }).then((result) => {
    const svg = el.querySelector("svg");
    if (svg) svg.setAttribute("aria-hidden", "true");
    return result;
  }).catch(() => {});
});
