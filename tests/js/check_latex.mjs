// Render LaTeX strings with the real renderers the site may use, and report every failure.
//
// stdin: a JSON array of LaTeX strings (display math).
// stdout: {"katex": [null | "error", ...], "mathjax": [null | "error", ...] | null}
// MathJax 3 is checked only when the `mathjax` package (v3) is installed next to `katex`;
// undefined macros and TeX errors are errors for both renderers, never red text.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import katex from "katex";

const require = createRequire(import.meta.url);
const strings = JSON.parse(readFileSync(0, "utf8"));

function checkKatex(tex) {
  try {
    katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: "error" });
    return null;
  } catch (err) {
    return String(err.message);
  }
}

async function checkMathJax(list) {
  let path;
  try {
    path = require.resolve("mathjax");
  } catch {
    return null;
  }
  const MathJax = await require(path).init({
    loader: { load: ["input/tex"] },
    tex: {
      packages: { "[-]": ["noundefined", "autoload", "require"] },
      formatError: (jax, err) => {
        throw err;
      },
    },
    startup: { typeset: false },
  });
  return list.map((tex) => {
    try {
      MathJax.tex2mml(tex, { display: true });
      return null;
    } catch (err) {
      return String(err.message);
    }
  });
}

const result = { katex: strings.map(checkKatex), mathjax: await checkMathJax(strings) };
process.stdout.write(JSON.stringify(result));
