// Optional niceties; every page works without this file.
// Closes an open menu (<details>) on Escape or a click outside it.
(function () {
  "use strict";
  function closeAll(except) {
    document.querySelectorAll("details[open]").forEach(function (d) {
      if (d !== except) { d.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (e) {
    closeAll(e.target.closest ? e.target.closest("details") : null);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      var open = document.querySelector("details[open]");
      if (open) {
        open.removeAttribute("open");
        var summary = open.querySelector("summary");
        if (summary) { summary.focus(); }
      }
    }
  });
})();
