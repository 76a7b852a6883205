// Drawing a picture's crop, focal point and shape crops on its newsroom
// page. The form's number fields (pixels of the original) are what is
// saved and work without this script, from the keyboard too; here a drag
// on the picture draws the crop (kept to the chosen proportions) or a
// shape's crop (kept to the shape's), a click or tap sets the focal
// point, and the one being drawn is shown over the picture as the fields
// change.
(function () {
  "use strict";
  var box = document.querySelector("[data-framing]");
  if (!box) return;
  var W = Number(box.dataset.width), H = Number(box.dataset.height);
  var stage = box.querySelector("[data-framing-stage]");
  var img = stage.querySelector("img");
  var cropBox = stage.querySelector("[data-framing-crop]");
  var focus = stage.querySelector("[data-framing-focus]");
  var form = box.querySelector("form");
  var shape = box.querySelector("[data-framing-shape]");
  var MIN = 32;
  box.querySelector("[data-framing-tools]").hidden = false;

  function field(name) { return form.elements[name]; }
  function read(name) {
    var v = field(name).value.trim();
    return v === "" || isNaN(Number(v)) ? null : Math.round(Number(v));
  }
  function write(name, v) { field(name).value = v === null ? "" : String(Math.round(v)); }
  function clamp(v, lo, hi) { return Math.min(Math.max(v, lo), hi); }

  // The rectangle of fields `<prefix>_left`… ("crop" or a shape's name).
  function rect(prefix) {
    var c = { left: read(prefix + "_left"), top: read(prefix + "_top"), width: read(prefix + "_width"), height: read(prefix + "_height") };
    return c.left === null || c.top === null || c.width === null || c.height === null ? null : c;
  }
  function crop() { return rect("crop"); }
  function area() { return crop() || { left: 0, top: 0, width: W, height: H }; }
  function mode() {
    var checked = form.querySelector("input[name=framing_mode]:checked");
    return checked ? checked.value : "crop";
  }
  // What a drag draws: the crop, or a shape's crop.
  function drawn() { return mode() === "focal" ? "crop" : mode(); }
  function ratio(prefix) {
    if (prefix === "crop") return Number(shape.value);
    return Number(form.querySelector("input[name=framing_mode][value=" + prefix + "]").dataset.ratio);
  }

  function draw() {
    var scale = img.clientWidth / W;
    var c = rect(drawn());
    cropBox.hidden = !c;
    if (c) {
      cropBox.style.left = c.left * scale + "px";
      cropBox.style.top = c.top * scale + "px";
      cropBox.style.width = c.width * scale + "px";
      cropBox.style.height = c.height * scale + "px";
    }
    var x = read("focal_x"), y = read("focal_y");
    focus.hidden = x === null || y === null;
    if (!focus.hidden) {
      focus.style.left = (x + 0.5) * scale + "px";
      focus.style.top = (y + 0.5) * scale + "px";
    }
  }

  // The pixel of the original under a pointer event.
  function at(e) {
    var r = img.getBoundingClientRect();
    return {
      x: clamp(Math.floor((e.clientX - r.left) / r.width * W), 0, W - 1),
      y: clamp(Math.floor((e.clientY - r.top) / r.height * H), 0, H - 1)
    };
  }
  // Keeps the focal point inside the crop, or drops it.
  function keepFocus() {
    var x = read("focal_x"), y = read("focal_y"), a = area();
    if (x === null || y === null) return;
    if (x < a.left || y < a.top || x >= a.left + a.width || y >= a.top + a.height) {
      write("focal_x", null);
      write("focal_y", null);
    }
  }

  var start = null, target = "crop";
  stage.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    e.preventDefault();
    var p = at(e);
    if (mode() === "focal") {
      var a = area();
      write("focal_x", clamp(p.x, a.left, a.left + a.width - 1));
      write("focal_y", clamp(p.y, a.top, a.top + a.height - 1));
      draw();
      return;
    }
    start = p;
    target = drawn();
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener("pointermove", function (e) {
    if (!start) return;
    var p = at(e);
    var right = p.x >= start.x, down = p.y >= start.y;
    // As far as the picture allows in the direction of the drag.
    var w = Math.min(Math.abs(p.x - start.x) + 1, right ? W - start.x : start.x + 1);
    var h = Math.min(Math.abs(p.y - start.y) + 1, down ? H - start.y : start.y + 1);
    var r = ratio(target);
    if (r > 0) {
      if (w / h > r) w = Math.max(1, Math.round(h * r)); else h = Math.max(1, Math.round(w / r));
    }
    write(target + "_left", right ? start.x : start.x + 1 - w);
    write(target + "_top", down ? start.y : start.y + 1 - h);
    write(target + "_width", w);
    write(target + "_height", h);
    draw();
  });
  function end() {
    if (!start) return;
    start = null;
    var c = rect(target);
    // A click, or a box too small to be meant: no crop.
    if (c && (c.width < MIN || c.height < MIN)) ["_left", "_top", "_width", "_height"].forEach(function (n) { write(target + n, null); });
    keepFocus();
    draw();
  }
  stage.addEventListener("pointerup", end);
  stage.addEventListener("pointercancel", end);
  form.addEventListener("input", draw);
  form.addEventListener("change", draw);
  window.addEventListener("resize", draw);
  if (img.complete) draw(); else img.addEventListener("load", draw);
})();
