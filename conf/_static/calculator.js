/* The Compute page's calculator: a progressive enhancement over the static page.
 *
 * On a static host the page keeps its command-line instructions. When the site is served by
 * `matrixcalc serve`, GET api/health answers and the hidden #mc-calculator block becomes a form:
 * expression, variable, declarations. POST api/diff returns the verified derivative, its checked
 * steps, the NumPy function and the catalogue entries about the same derivative; the result is
 * typeset by the site's own MathJax (only MathJax.startup.promise and typesetPromise/typesetClear,
 * which MathJax 3 and 4 share). The state lives in the URL (?expression=…&wrt=…&where=…), so a
 * result can be linked and is computed on load. Nothing is requested from another host.
 */
(function () {
  "use strict";

  const FIELDS = ["expression", "wrt", "where"];
  // choices beyond the three fields, kept in the URL only when not the default
  const OPTIONS = {
    kind: [["auto", "gradient or Jacobian"], ["hessian", "Hessian"]],
    layout: [["denominator", "denominator layout"], ["numerator", "numerator layout"]],
  };
  const EXAMPLES = [
    { label: "∂(XY)/∂X (the seed question)", expression: "X @ Y", wrt: "X", where: "X: m x n; Y: n x p" },
    { label: "∂ tr(JᵀXY)/∂X", expression: "tr(J.T @ X @ Y)", wrt: "X", where: "J: m x p; X: m x n; Y: n x p" },
    { label: "Least squares", expression: "norm(A @ x - b) ** 2", wrt: "x", where: "A: m x n; x: n; b: m" },
    {
      label: "Logistic regression",
      expression: "sum(log(ones(n) + exp(-(y * (X @ w)))))",
      wrt: "w",
      where: "X: n x p; y: n; w: p",
    },
    { label: "Softmax cross-entropy", expression: "log(sum(exp(z))) - y.T @ z", wrt: "z", where: "z: n; y: n" },
  ];
  const BADGES = { verified: ["verified", "mc-ok"], "numeric-only": ["numeric-only", "mc-numeric"], refuted: ["refuted", "mc-fail"] };

  function siteRoot() {
    const root = document.documentElement.dataset.content_root || "./";
    return new URL(root, window.location.href);
  }

  function api(path) {
    return new URL("api/" + path, siteRoot()).href;
  }

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function displayMath(latex) {
    // the class Sphinx gives display math, so the site's MathJax configuration processes it
    return el("div", { class: "math notranslate nohighlight", text: "\\[" + latex + "\\]" });
  }

  async function typeset(node) {
    const mj = window.MathJax;
    if (!mj || !mj.startup || !mj.startup.promise || !mj.typesetPromise) return;
    try {
      await mj.startup.promise;
      await mj.typesetPromise([node]);
    } catch (error) {
      console.error("MathJax could not typeset the result", error); // the TeX source stays readable
    }
  }

  function clearTypeset(node) {
    const mj = window.MathJax;
    if (mj && typeof mj.typesetClear === "function") mj.typesetClear([node]);
  }

  async function copy(button, text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      const area = el("textarea", {}, [text]);
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.classList.add("mc-copied");
    setTimeout(() => button.classList.remove("mc-copied"), 1200);
  }

  function copyButton(label, text) {
    const button = el("button", { type: "button", class: "mc-copy", text: label });
    button.addEventListener("click", () => copy(button, text));
    return button;
  }

  function badge(status) {
    const [text, modifier] = BADGES[status] || [status, "mc-fail"];
    return [el("span", { class: "mc-badge", text: text }), modifier];
  }

  /* The result's badge: "proved" when the proof kernel proved it for every size, as on the site's
     entries (matrixcalc/sphinxext/render.py badge_word); the phrase is its tooltip. */
  function resultBadge(body) {
    if (body.status === "verified" && body.all_sizes) {
      return [el("span", { class: "mc-badge", text: "proved", title: "proved for every size" }), "mc-ok"];
    }
    return badge(body.status);
  }

  /* The calculator's DOM, built once over the placeholder. */
  function buildForm(host) {
    const inputs = {};
    const form = el("form", { class: "mc-calculator-form", novalidate: "" });
    const labels = { expression: "Expression", wrt: "with respect to", where: "where" };
    const hints = { expression: "e.g. tr(A @ X @ B)", wrt: "e.g. X or vec(X)", where: "e.g. A: p x m; X: m x n; B: n x p" };
    for (const name of FIELDS) {
      inputs[name] = el("input", {
        type: "text",
        name: name,
        id: "mc-calculator-" + name,
        placeholder: hints[name],
        autocomplete: "off",
        spellcheck: "false",
        maxlength: "4000",
      });
      form.append(el("label", { for: inputs[name].id, class: "mc-calculator-label", text: labels[name] }), inputs[name]);
    }
    const choices = el("span", { class: "mc-calculator-options" });
    for (const [name, options] of Object.entries(OPTIONS)) {
      inputs[name] = el("select", { name: name, id: "mc-calculator-" + name, "aria-label": name });
      for (const [value, label] of options) inputs[name].append(el("option", { value: value, text: label }));
      choices.append(inputs[name], " ");
    }
    form.append(el("span", { class: "mc-calculator-label", text: "derivative" }), choices);
    const submit = el("button", { type: "submit", class: "mc-calculator-go", text: "Derive" });
    form.append(submit);
    const examples = el("p", { class: "mc-calculator-examples" }, ["Examples: "]);
    for (const example of EXAMPLES) {
      const button = el("button", { type: "button", class: "mc-copy", text: example.label });
      button.addEventListener("click", () => {
        for (const name of FIELDS) inputs[name].value = example[name];
        for (const [name, options] of Object.entries(OPTIONS)) inputs[name].value = options[0][0];
        run(true);
      });
      examples.append(button, " ");
    }
    const status = el("p", { class: "mc-calculator-status", role: "status", "aria-live": "polite" });
    const result = el("div", { id: "mc-calculator-result", class: "mc-calculator-result", "aria-live": "polite" });
    host.replaceChildren(form, examples, status, result);
    host.hidden = false;

    let current = 0; // only the latest request may write its answer

    async function run(remember) {
      const values = {};
      for (const name of FIELDS) values[name] = inputs[name].value.trim();
      for (const name of Object.keys(OPTIONS)) values[name] = inputs[name].value;
      if (!values.expression || !values.wrt) {
        status.textContent = "Give an expression and the variable.";
        return;
      }
      if (remember) {
        const url = new URL(window.location.href);
        for (const name of FIELDS) url.searchParams.set(name, values[name]);
        for (const [name, options] of Object.entries(OPTIONS)) {
          if (values[name] === options[0][0]) url.searchParams.delete(name);
          else url.searchParams.set(name, values[name]);
        }
        window.history.pushState(values, "", url);
      }
      const ticket = ++current;
      status.textContent = "Deriving and checking…";
      submit.disabled = true;
      let response, body;
      try {
        response = await fetch(api("diff"), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(values),
        });
        body = await response.json();
      } catch (error) {
        body = { status: "error", message: "the server did not answer (" + error.message + ")" };
      } finally {
        if (ticket === current) submit.disabled = false;
      }
      if (ticket !== current) return;
      clearTypeset(result);
      if (response && response.ok && body.status !== "refuted") {
        status.textContent = "";
        renderResult(result, body);
        await typeset(result);
      } else {
        status.textContent = "";
        renderError(result, body, values, response);
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(true);
    });
    window.addEventListener("popstate", () => {
      if (fill(inputs)) run(false);
    });
    if (fill(inputs)) run(false);
  }

  /* The form's fields from the URL; true when there is something to compute. */
  function fill(inputs) {
    const params = new URLSearchParams(window.location.search);
    for (const name of FIELDS) inputs[name].value = params.get(name) || "";
    for (const [name, options] of Object.entries(OPTIONS)) {
      const wanted = params.get(name);
      inputs[name].value = options.some(([value]) => value === wanted) ? wanted : options[0][0];
    }
    return Boolean(params.get("expression") && params.get("wrt"));
  }

  function renderResult(result, body) {
    const [mark, modifier] = resultBadge(body);
    const entry = el("div", { class: "mc-entry mc-calculator-entry " + modifier });
    entry.append(el("p", { class: "mc-head" }, [el("strong", { text: "Result" }), " ", mark]));
    entry.append(displayMath(body.latex));
    entry.append(el("p", { class: "mc-where" }, ["shape " + body.shape + (body.where ? "; where " + body.where : "")]));
    if (body.status !== "verified") {
      const reason = body.verdict && body.verdict.symbolic && body.verdict.symbolic.reason;
      entry.append(el("p", { class: "mc-note", text: "Not verified: this candidate is not an answer. " + (reason || "") }));
    }
    if (body.status === "verified" && body.all_sizes && body.proof_summary) {
      entry.append(el("p", { class: "mc-note mc-calculator-proof", text: body.proof_summary }));
    }
    if (body.note) entry.append(el("p", { class: "mc-note", text: body.note }));
    const tools = el("div", { class: "mc-tools" });
    tools.append(copyButton("Copy LaTeX", body.latex));
    tools.append(copyButton("Copy identity", body.identity + (body.where ? "\nwhere: " + body.where : "")));
    if (body.numpy) tools.append(copyButton("Copy NumPy function", body.numpy));
    entry.append(tools);
    if (body.steps && body.steps.length) {
      const list = el("ol", { class: "mc-calculator-steps" });
      for (const step of body.steps) {
        const item = el("li", { class: "mc-calculator-step" });
        const verdict = step.verdict || "start";
        const [stepMark] = step.verdict ? badge(step.verdict) : [el("span", { class: "mc-badge", text: "start" })];
        item.dataset.verdict = verdict;
        item.append(el("span", { class: "mc-calculator-rule", text: step.rule }), " ", stepMark);
        item.append(step.latex ? displayMath(step.latex) : el("code", { text: step.expression }));
        list.append(item);
      }
      entry.append(el("details", { class: "mc-details", open: "" }, [el("summary", { text: "Checked steps" }), list]));
    }
    if (body.catalogue && body.catalogue.length) {
      const links = el("ul", { class: "mc-calculator-catalogue" });
      for (const match of body.catalogue) {
        const href = new URL(match.url, siteRoot()).href;
        links.append(el("li", {}, [el("a", { href: href, text: match.id }), " ", el("code", { text: match.identity })]));
      }
      entry.append(el("p", { text: "In the catalogue:" }), links);
    }
    if (body.numpy) {
      entry.append(
        el("details", { class: "mc-details" }, [el("summary", { text: "NumPy function" }), el("pre", {}, [el("code", { text: body.numpy })])]),
      );
    }
    result.replaceChildren(entry);
  }

  /* An error: its message, and the text it refers to with a caret under the column. */
  function renderError(result, body, values, response) {
    const box = el("div", { class: "mc-calculator-error", role: "alert" });
    const code = response ? " (" + response.status + ")" : "";
    let message = body && body.message ? body.message : "the request failed";
    if (body && body.status === "refuted") message = body.message;
    const part = body && body.part;
    box.append(el("p", { class: "mc-calculator-message", text: "Error" + code + (part && part !== "request" ? " in " + part : "") + ": " + message }));
    // the text the column counts in: the server's copy of it, else the field it names
    const source = body && typeof body.source === "string" ? body.source : FIELDS.includes(part) ? values[part] : null;
    if (source && body.column !== null && body.column !== undefined) {
      const column = Math.min(body.column, source.length);
      const caret = " ".repeat(column) + "^".repeat(Math.max(1, body.length || 1));
      box.append(el("pre", { class: "mc-calculator-caret" }, [source + "\n" + caret]));
    }
    if (response && response.status === 429) {
      box.append(el("p", { text: "Try again in " + (response.headers.get("Retry-After") || "a few") + " s." }));
    }
    result.replaceChildren(box);
  }

  async function start() {
    const host = document.getElementById("mc-calculator");
    if (!host) return;
    try {
      const response = await fetch(api("health"), { headers: { Accept: "application/json" } });
      const body = response.ok ? await response.json() : null;
      if (!body || body.status !== "ok") return; // a static host: keep the command-line instructions
    } catch (error) {
      return;
    }
    buildForm(host);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
