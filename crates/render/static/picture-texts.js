// Editing a picture's caption, credit and alt text from the story, in a
// dialog, without leaving the editor: the texts are read and saved through
// the Admin API (the session's cookie and CSRF token), exactly as the
// picture's own page saves them, so every story using the picture shows
// the change. editor.js adds the buttons (`data-texts-open`: the picture's
// number) and refreshes the thumbnail on `dateline:picture`.
(function () {
  "use strict";
  var dialog = document.querySelector("[data-picture-texts]");
  var editor = document.getElementById("editor");
  if (!dialog || !dialog.showModal || !editor) return;
  var form = dialog.querySelector("[data-texts-form]");
  var state = dialog.querySelector("[data-texts-state]");
  var csrf = editor.querySelector("input[name=csrf_token]");
  var opener = null; // the button that opened the dialog
  var id = null;

  function field(name) { return form.elements[name]; }
  function failed(res) {
    var why = res && res.data && res.data.error && res.data.error.message;
    state.textContent = dialog.dataset.failed + (why ? " " + why : "");
  }
  function asJson(r) {
    return r.json().then(function (data) { return { ok: r.ok, data: data }; }, function () { return { ok: false }; });
  }

  editor.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-texts-open]");
    if (!button) return;
    opener = button;
    id = button.dataset.textsOpen;
    state.textContent = dialog.dataset.loading;
    ["caption", "credit", "alt_text"].forEach(function (n) { field(n).value = ""; field(n).disabled = true; });
    dialog.showModal();
    fetch("/api/v1/admin/media/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(asJson)
      .then(function (res) {
        if (!res.ok) { failed(res); return; }
        ["caption", "credit", "alt_text"].forEach(function (n) {
          field(n).value = res.data[n] || "";
          field(n).disabled = false;
        });
        state.textContent = "";
        field("caption").focus();
      }, function () { failed(null); });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!id) return;
    var body = { caption: field("caption").value, credit: field("credit").value, alt_text: field("alt_text").value };
    fetch("/api/v1/admin/media/" + encodeURIComponent(id), {
      method: "PATCH", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.value : "" }
    }).then(asJson).then(function (res) {
      // A refusal keeps the dialog open with the typed texts.
      if (!res.ok) { failed(res); return; }
      dialog.close();
      if (opener) opener.dispatchEvent(new CustomEvent("dateline:picture", { detail: res.data, bubbles: true }));
      if (opener) opener.focus();
    }, function () { failed(null); });
  });

  dialog.querySelector("[data-texts-close]").addEventListener("click", function () { dialog.close(); });
})();
