// The front-page arrangement's enhancements; the page works without them.
// - Reorder stories in place: the up, down and remove buttons, Alt+Up and
//   Alt+Down on the story in focus, or drag and drop within a list; the
//   hidden fields move with their stories, so Save posts the new order.
// - Story suggestions for "add a story" by words of the headline, from the
//   newsroom's article search.
(function () {
  "use strict";
  var form = document.querySelector("form[data-front]");
  if (!form) return;
  var state = form.querySelector("[data-front-state]");
  var dirty = false;

  function changed() {
    dirty = true;
    if (state) state.textContent = state.dataset.moved || "";
  }

  function move(li, how) {
    if (how === "up" && li.previousElementSibling) {
      li.parentNode.insertBefore(li, li.previousElementSibling);
    } else if (how === "down" && li.nextElementSibling) {
      li.parentNode.insertBefore(li.nextElementSibling, li);
    } else if (how === "remove") {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      if (next) {
        var b = next.querySelector("[data-move=remove]");
        if (b) b.focus();
      }
    } else {
      return;
    }
    changed();
  }

  form.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-move]");
    if (!button) return;
    var li = button.closest("[data-front-item]");
    if (!li) return;
    e.preventDefault();
    move(li, button.dataset.move);
    if (button.isConnected) button.focus();
  });

  form.addEventListener("keydown", function (e) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    var li = e.target.closest && e.target.closest("[data-front-item]");
    if (!li) return;
    e.preventDefault();
    var focused = document.activeElement;
    move(li, e.key === "ArrowUp" ? "up" : "down");
    if (focused) focused.focus();
  });

  // Drag and drop within one list (pins stay in their section).
  var dragged = null;
  form.addEventListener("dragstart", function (e) {
    var li = e.target.closest && e.target.closest("[data-front-item]");
    if (!li) return;
    dragged = li;
    li.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", li.querySelector("input[type=hidden]").value);
  });
  form.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });
  form.addEventListener("dragover", function (e) {
    if (!dragged) return;
    var over = e.target.closest && e.target.closest("[data-front-item]");
    if (!over || over === dragged || over.parentNode !== dragged.parentNode) return;
    e.preventDefault();
    var box = over.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    var before = after ? over.nextElementSibling : over;
    if (before !== dragged && dragged.nextElementSibling !== before) {
      over.parentNode.insertBefore(dragged, before);
      changed();
    }
  });
  form.addEventListener("drop", function (e) {
    if (dragged) e.preventDefault();
  });

  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });

  // Suggestions for the story field, through a <datalist>.
  var input = form.querySelector("[data-article-picker]");
  if (!input) return;
  var list = document.createElement("datalist");
  list.id = "front-suggestions";
  input.setAttribute("list", list.id);
  input.after(list);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 3 || /^\d+$/.test(q) || q.indexOf("/") >= 0) return;
    timer = setTimeout(function () {
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
