// Drawing a picture's crop and focal point on its newsroom page. The
// form's number fields (pixels of the original) are what is saved and
// work without this script, from the keyboard too; here a drag on the
// picture draws the crop (kept to the chosen shape), a click or tap sets
// the focal point, and both are shown over the picture as the fields
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

  function crop() {
    var c = { left: read("crop_left"), top: read("crop_top"), width: read("crop_width"), height: read("crop_height") };
    return c.left === null || c.top === null || c.width === null || c.height === null ? null : c;
  }
  function area() { return crop() || { left: 0, top: 0, width: W, height: H }; }

  function draw() {
    var scale = img.clientWidth / W;
    var c = crop();
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
  function mode() {
    var checked = form.querySelector("input[name=framing_mode]:checked");
    return checked ? checked.value : "crop";
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

  var start = null;
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
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener("pointermove", function (e) {
    if (!start) return;
    var p = at(e);
    var right = p.x >= start.x, down = p.y >= start.y;
    // As far as the picture allows in the direction of the drag.
    var w = Math.min(Math.abs(p.x - start.x) + 1, right ? W - start.x : start.x + 1);
    var h = Math.min(Math.abs(p.y - start.y) + 1, down ? H - start.y : start.y + 1);
    var ratio = Number(shape.value);
    if (ratio > 0) {
      if (w / h > ratio) w = Math.max(1, Math.round(h * ratio)); else h = Math.max(1, Math.round(w / ratio));
    }
    write("crop_left", right ? start.x : start.x + 1 - w);
    write("crop_top", down ? start.y : start.y + 1 - h);
    write("crop_width", w);
    write("crop_height", h);
    draw();
  });
  function end() {
    if (!start) return;
    start = null;
    var c = crop();
    // A click, or a box too small to be meant: no crop.
    if (c && (c.width < MIN || c.height < MIN)) ["crop_left", "crop_top", "crop_width", "crop_height"].forEach(function (n) { write(n, null); });
    keepFocus();
    draw();
  }
  stage.addEventListener("pointerup", end);
  stage.addEventListener("pointercancel", end);
  form.addEventListener("input", draw);
  window.addEventListener("resize", draw);
  if (img.complete) draw(); else img.addEventListener("load", draw);
})();
