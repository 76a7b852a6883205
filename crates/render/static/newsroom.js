// The newsroom editor's enhancements; the editor works without them.
// - Autosave: while the form changes, post it every few seconds to
//   `data-autosave`; keep the hidden version current so the next save is
//   not refused as stale; show a conflict instead of overwriting; after a
//   refusal, show it and wait for the next change before posting again.
// - Related-article picker: suggest articles by headline as one types.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form || !form.dataset.autosave || form.hasAttribute("inert")) return;
  var state = form.querySelector("[data-state]");
  var version = form.querySelector("input[name=version]");
  var dirty = false, busy = false, stopped = false;
  var say = function (key) { if (state) state.textContent = state.dataset[key] || ""; };

  form.addEventListener("input", function () { dirty = true; say("pending"); });

  // Marks the fields the last autosave was refused for.
  function marks(fields) {
    form.querySelectorAll("[data-autosave-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("data-autosave-invalid");
    });
    fields.forEach(function (f) {
      var el = f && f.field && form.elements.namedItem(f.field);
      if (el && el.setAttribute) {
        el.setAttribute("aria-invalid", "true");
        el.setAttribute("data-autosave-invalid", "");
      }
    });
  }
  form.addEventListener("submit", function () { stopped = true; });

  function save() {
    if (!dirty || busy || stopped) return;
    busy = true; dirty = false;
    var body = new URLSearchParams(new FormData(form));
    body.delete("action");
    fetch(form.dataset.autosave, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    }).then(function (res) {
      if (res.status === 200) { version.value = res.data.version; say("saved"); marks([]); }
      else if (res.status === 409) { stopped = true; say("conflict"); }
      // Refused: the same text would be refused again, so wait for the
      // next change (dirty stays false) and show which fields need work.
      else { say("invalid"); marks((res.data && res.data.fields) || []); }
    }).catch(function () { dirty = true; say("offline"); })
      .finally(function () { busy = false; });
  }
  setInterval(save, 3000);
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !stopped) { e.preventDefault(); e.returnValue = ""; }
  });

  // Related-article suggestions through a <datalist> per picker; pickers
  // in blocks added later (editor.js) are served the same way.
  var pickers = 0;
  form.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("[data-article-picker]")) return;
    var list = input.list;
    if (!list) {
      list = document.createElement("datalist");
      list.id = "article-suggestions-" + (pickers++);
      input.setAttribute("list", list.id);
      input.after(list);
    }
    clearTimeout(input.suggestTimer);
    var q = input.value.trim();
    if (q.length < 3 || /^\d+$/.test(q)) return;
    input.suggestTimer = setTimeout(function () {
      fetch("/newsroom/articles/search?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) {
          list.replaceChildren.apply(list, found.map(function (a) {
            var o = document.createElement("option");
            o.value = String(a.id);
            o.label = a.headline + " · " + a.section;
            return o;
          }));
        });
    }, 250);
  });
})();
