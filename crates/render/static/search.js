// Suggestions as one types in the masthead's search box: a listbox under
// the box (the ARIA 1.2 combobox pattern), filled from
// `{edition}/search/suggest?q=…` a moment after typing stops. Up and Down
// move through the suggestions, Enter opens the one chosen (or sends the
// form as typed), Escape closes them. Without this file the box is a plain
// form that opens the search page.
(function () {
  "use strict";
  var DELAY = 200;
  var MIN_CHARS = 2;

  function setUp(form) {
    var input = form.querySelector("input[name=q]");
    var endpoint = form.getAttribute("data-suggest");
    if (!input || !endpoint || !window.fetch) { return; }
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var timer = null;
    var asked = "";
    var active = -1;
    var items = [];

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      close();
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-url", s.url);
        li.textContent = s.headline;
        li.addEventListener("mousedown", function (e) {
          // Before the box loses the focus (and closes the list).
          e.preventDefault();
          window.location.assign(s.url);
        });
        list.appendChild(li);
        items.push(li);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function ask() {
      var typed = input.value;
      if (typed.trim().length < MIN_CHARS || typed.length > 1024) { close(); return; }
      asked = typed;
      var url = endpoint + "?q=" + encodeURIComponent(typed);
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (suggestions) {
          // An answer to what is no longer typed is dropped.
          if (asked === input.value && Array.isArray(suggestions)) { show(suggestions); }
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!items.length) { return; }
        e.preventDefault();
        var step = e.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next < -1) { next = items.length - 1; }
        if (next >= items.length) { next = -1; }
        highlight(next);
      } else if (e.key === "Enter") {
        if (active >= 0) {
          e.preventDefault();
          window.location.assign(items[active].getAttribute("data-url"));
        }
      } else if (e.key === "Escape") {
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("form[data-suggest]").forEach(setUp);
})();
