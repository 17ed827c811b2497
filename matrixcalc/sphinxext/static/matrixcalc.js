// Copy buttons of matrixcalc identities: each .mc-copy holds its text in data-copy.
"use strict";
(function () {
  function copied(button) {
    var label = button.textContent;
    button.classList.add("mc-copied");
    button.textContent = "Copied";
    setTimeout(function () {
      button.classList.remove("mc-copied");
      button.textContent = label;
    }, 1500);
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.mc-copy") : null;
    if (!button) return;
    var text = button.getAttribute("data-copy") || "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); }, function () {
        fallback(text);
        copied(button);
      });
    } else {
      fallback(text);
      copied(button);
    }
  });
})();
