// The article editor's writing comforts; the form works without them.
// - Paragraphs are edited as formatted text (bold, italic, links) in a
//   contenteditable box that writes the editor's markup back into the
//   paragraph's textarea on every change: the server only ever reads the
//   markup (`dateline_render::rich`), never HTML.
// - Paste from word processors and web pages keeps bold, italic and
//   links and drops everything else; pasted paragraphs become paragraph
//   blocks after the current one.
// - Enter splits a paragraph into two blocks; Backspace at the start of
//   a paragraph joins it to the one before.
// - Blocks are added after the block being edited, removed and moved
//   without reloading the page: by the buttons, by Alt+Up/Alt+Down, or
//   by dragging the handle. Field names are renumbered at once, so the
//   autosave and the save button always send the blocks in page order.
// - A word count of the lead and body.
// - Pictures: a media-bank picker (search, thumbnails, a warning when a
//   picture lacks a credit or alt text) for the lead picture, the social
//   picture and image blocks, and picture files dropped on the story are
//   uploaded (Admin API, with the session's CSRF token) into new image
//   blocks.
// - Search and social: the length of each text against what search
//   results and social cards show, and the search result preview, kept
//   current as one types (the server wrote both for the page as loaded).
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form || form.hasAttribute("inert")) return;
  var list = form.querySelector("[data-blocks]");
  if (!list) return;
  form.classList.add("editor-enhanced");
  var current = null; // the block last focused

  function changed() { form.dispatchEvent(new Event("input", { bubbles: true })); renumber(); count(); }

  // ---- marks: a contenteditable box <-> text and marks <-> markup -------

  // Text and marks ({kind, start, end, href}) of a box's DOM.
  function readBox(box) {
    var text = "", marks = [];
    function walk(node, bold, italic, href) {
      if (node.nodeType === 3) { text += node.nodeValue.replace(/[\u00a0\s]+/g, " "); return; }
      if (node.nodeType !== 1) return;
      var tag = node.nodeName;
      if (tag === "BR") { text += " "; return; }
      var style = node.style || {};
      var weight = parseInt(style.fontWeight, 10) || (style.fontWeight === "bold" ? 700 : 0);
      var isBold = (tag === "B" || tag === "STRONG") ? !(weight && weight < 600) : weight >= 600;
      var isItalic = tag === "I" || tag === "EM" || style.fontStyle === "italic";
      var link = tag === "A" && node.getAttribute("href") ? node.getAttribute("href") : null;
      var start = text.length;
      for (var c = node.firstChild; c; c = c.nextSibling) walk(c, bold || isBold, italic || isItalic, href || link);
      if (isBold && !bold) marks.push({ kind: "bold", start: start, end: text.length });
      if (isItalic && !italic) marks.push({ kind: "italic", start: start, end: text.length });
      if (link && !href) marks.push({ kind: "link", start: start, end: text.length, href: link });
    }
    for (var c = box.firstChild; c; c = c.nextSibling) walk(c, false, false, null);
    var lead = text.length - text.replace(/^ +/, "").length;
    text = text.replace(/^ +/, "");
    var trimmedEnd = text.replace(/ +$/, "");
    marks = marks.map(function (m) {
      return { kind: m.kind, href: m.href, start: Math.max(0, m.start - lead), end: Math.min(trimmedEnd.length, m.end - lead) };
    });
    return { text: trimmedEnd, marks: normalize(trimmedEnd, marks) };
  }

  // Same rules as the server's normal form: bold and italic never start
  // or end with a space, touching ranges of one kind merge, empty ones go.
  function normalize(text, marks) {
    var out = [];
    marks.forEach(function (m) {
      var s = m.start, e = m.end;
      if (m.kind !== "link") {
        while (s < e && /\s/.test(text[s])) s++;
        while (e > s && /\s/.test(text[e - 1])) e--;
      }
      if (s < e) out.push({ kind: m.kind, href: m.href, start: s, end: e });
    });
    out.sort(function (a, b) { return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.start - b.start; });
    var merged = [];
    out.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && last.kind === m.kind && last.href === m.href && m.start <= last.end) last.end = Math.max(last.end, m.end);
      else if (m.kind === "link" && merged.some(function (o) { return o.kind === "link" && m.start < o.end && o.start < m.end; })) return;
      else merged.push(m);
    });
    return merged;
  }

  // The markup the server reads: ** bold, * italic, [text](href),
  // a backslash before \ * [ ].
  function writeMarkup(text, marks) {
    var out = "";
    for (var p = 0; p <= text.length; p++) {
      marks.forEach(function (m) {
        if (m.end !== p) return;
        if (m.kind === "bold") out += "**";
        else if (m.kind === "italic") out += "*";
        else out += "](" + m.href.replace(/[\\)]/g, "\\$&") + ")";
      });
      marks.forEach(function (m) {
        if (m.start !== p) return;
        out += m.kind === "bold" ? "**" : m.kind === "italic" ? "*" : "[";
      });
      if (p < text.length) out += /[\\*\[\]]/.test(text[p]) ? "\\" + text[p] : text[p];
    }
    return out;
  }

  function sync(box) {
    var field = document.getElementById(box.dataset.richText);
    var read = readBox(box);
    if (field) field.value = writeMarkup(read.text, read.marks);
  }

  // Keeps bold, italic and links of pasted HTML; everything else becomes
  // its text. Reads the (inert) parsed document and builds new, clean
  // nodes in this one: no pasted element or attribute is ever adopted.
  function cleanNodes(nodes) {
    var frag = document.createDocumentFragment();
    Array.prototype.forEach.call(nodes, function (c) {
      if (c.nodeType === 3) { frag.appendChild(document.createTextNode(c.nodeValue.replace(/\s+/g, " "))); return; }
      if (c.nodeType !== 1 || /^(SCRIPT|STYLE|TEMPLATE|HEAD|TITLE|META)$/.test(c.nodeName)) return;
      var wrapped = cleanNodes(c.childNodes);
      var style = c.style || {};
      var weight = parseInt(style.fontWeight, 10) || (style.fontWeight === "bold" ? 700 : 0);
      var bold = (c.nodeName === "B" || c.nodeName === "STRONG") ? !(weight && weight < 600) : weight >= 600;
      var italic = c.nodeName === "I" || c.nodeName === "EM" || style.fontStyle === "italic";
      var href = c.nodeName === "A" ? c.getAttribute("href") : null;
      if (italic) { var em = document.createElement("em"); em.appendChild(wrapped); wrapped = em; }
      if (bold) { var st = document.createElement("strong"); st.appendChild(wrapped); wrapped = st; }
      if (href && /^(https?:\/\/|mailto:|\/(?!\/))/i.test(href)) { var a = document.createElement("a"); a.setAttribute("href", href); a.appendChild(wrapped); wrapped = a; }
      frag.appendChild(wrapped);
    });
    return frag;
  }

  var BLOCKS = /^(P|DIV|H[1-6]|LI|BLOCKQUOTE|TR|PRE|SECTION|ARTICLE|UL|OL|TABLE)$/;
  var BLOCK_SELECTOR = "p, div, h1, h2, h3, h4, h5, h6, li, blockquote, tr, pre, section, article, ul, ol, table, br";
  // Pasted HTML as paragraphs: one per block-level element, each a
  // clean inline fragment.
  function pastedParagraphs(html, plain) {
    var paragraphs = [];
    if (!html) {
      plain.split(/\r?\n/).forEach(function (line) {
        if (line.trim()) paragraphs.push(document.createTextNode(line.trim()));
      });
      return paragraphs;
    }
    // Event-handler attributes go before parsing: nothing pasted could run
    // anyway (the page's policy blocks inline handlers, and no pasted node
    // is kept), but the browser would report each one it meets as an error.
    html = html.replace(/<[^>]*>/g, function (tag) {
      return tag.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi, "");
    });
    var body = new DOMParser().parseFromString(html, "text/html").body;
    var pending = [];
    function flush() {
      var text = pending.map(function (n) { return n.textContent; }).join("");
      if (text.trim()) paragraphs.push(cleanNodes(pending));
      pending = [];
    }
    // Elements holding blocks (a word processor wraps everything in one
    // <b> or <span>) are split by what they hold; their own formatting goes.
    function holdsBlocks(el) { return !!el.querySelector(BLOCK_SELECTOR); }
    (function split(node) {
      Array.prototype.forEach.call(node.childNodes, function (c) {
        var block = c.nodeType === 1 && BLOCKS.test(c.nodeName);
        if (c.nodeType === 1 && holdsBlocks(c)) {
          if (block) flush();
          split(c);
          if (block) flush();
        } else if (block) {
          flush();
          pending.push(c);
          flush();
        } else if (c.nodeType === 1 && c.nodeName === "BR") {
          flush();
        } else {
          pending.push(c);
        }
      });
    })(body);
    flush();
    return paragraphs;
  }

  function insertAtCaret(box, fragment) {
    var sel = window.getSelection();
    if (!sel.rangeCount || !box.contains(sel.anchorNode)) { box.appendChild(fragment); return; }
    var range = sel.getRangeAt(0);
    range.deleteContents();
    var last = fragment.lastChild;
    range.insertNode(fragment);
    if (last) { range.setStartAfter(last); range.collapse(true); sel.removeAllRanges(); sel.addRange(range); }
  }

  function caretAtStart(box) {
    var sel = window.getSelection();
    if (!sel.rangeCount || !sel.isCollapsed) return false;
    var range = sel.getRangeAt(0).cloneRange();
    range.setStart(box, 0);
    return range.toString().length === 0;
  }

  function focusBox(box, atEnd) {
    box.focus();
    var range = document.createRange();
    range.selectNodeContents(box);
    range.collapse(!atEnd);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function enhanceParagraph(li) {
    var box = li.querySelector("[data-rich-text]");
    if (!box || box.dataset.ready) return;
    var field = li.querySelector("textarea");
    box.dataset.ready = "1";
    box.hidden = false;
    box.contentEditable = "true";
    // An Arabic paragraph in an English newsroom runs right to left.
    box.dir = "auto";
    box.setAttribute("aria-describedby", field.getAttribute("aria-describedby") || "");
    if (field.getAttribute("aria-invalid")) box.setAttribute("aria-invalid", "true");
    field.hidden = true;
    field.tabIndex = -1;
    var label = li.querySelector("label[for='" + field.id + "']");
    if (label) label.hidden = true;
    var hint = li.querySelector(".markup-hint");
    if (hint) hint.hidden = true;
    var tools = li.querySelector(".rich-tools");
    if (tools) tools.hidden = false;
    box.addEventListener("input", function () { sync(box); changed(); });
    box.addEventListener("keydown", function (e) {
      var key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === "b" || key === "i" || key === "k")) {
        e.preventDefault();
        command(box, key === "b" ? "bold" : key === "i" ? "italic" : "link", tools);
      } else if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        if (e.shiftKey) return; // a paragraph has no line breaks
        var sel = window.getSelection();
        if (!sel.rangeCount) return;
        var range = sel.getRangeAt(0);
        range.deleteContents();
        var tail = range.cloneRange();
        tail.setEndAfter(box.lastChild || box);
        var rest = tail.extractContents();
        sync(box);
        var next = addBlock("paragraph", li);
        var nextBox = next.querySelector("[data-rich-text]");
        nextBox.appendChild(rest);
        sync(nextBox);
        focusBox(nextBox, false);
        changed();
      } else if (e.key === "Backspace" && caretAtStart(box)) {
        var prev = li.previousElementSibling;
        var prevBox = prev && prev.querySelector("[data-rich-text]");
        if (!prevBox) return;
        e.preventDefault();
        focusBox(prevBox, true);
        var moved = document.createDocumentFragment();
        while (box.firstChild) moved.appendChild(box.firstChild);
        insertAtCaret(prevBox, moved);
        li.remove();
        sync(prevBox);
        changed();
      }
    });
    box.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) return;
      e.preventDefault();
      var parts = pastedParagraphs(data.getData("text/html"), data.getData("text/plain"));
      if (!parts.length) return;
      insertAtCaret(box, parts[0]);
      sync(box);
      var after = li;
      parts.slice(1).forEach(function (part) {
        after = addBlock("paragraph", after);
        var b = after.querySelector("[data-rich-text]");
        b.appendChild(part);
        sync(b);
      });
      if (after !== li) focusBox(after.querySelector("[data-rich-text]"), true);
      changed();
    });
    if (tools) {
      tools.addEventListener("mousedown", function (e) { if (e.target.closest("button")) e.preventDefault(); });
      tools.addEventListener("click", function (e) {
        var b = e.target.closest("[data-rich]");
        if (b) command(box, b.dataset.rich, tools);
      });
    }
  }

  function command(box, what, tools) {
    box.focus();
    if (what === "link") {
      var prompt = tools && tools.querySelector("[data-rich=link]");
      var href = window.prompt(prompt ? prompt.dataset.prompt : "https://", "https://");
      if (!href) return;
      href = href.trim();
      if (!/^(https?:\/\/[^\/\s]|mailto:\S|\/(?!\/))\S*$/i.test(href)) return;
      document.execCommand("createLink", false, href);
    } else {
      document.execCommand(what === "unlink" ? "unlink" : what, false, null);
    }
    // Browsers mark up with <b>, <i> or styled spans; readBox reads all.
    sync(box);
    changed();
  }

  // ---- blocks: add, remove, move, renumber ------------------------------

  function renumber() {
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.querySelectorAll("[name^='block-']").forEach(function (el) {
        el.name = el.name.replace(/^block-(\d+|__i__)-/, "block-" + i + "-");
      });
      li.querySelectorAll("[id^='b']").forEach(function (el) {
        var id = el.id.replace(/^b(\d+|__i__)-/, "b" + i + "-");
        if (id === el.id) return;
        li.querySelectorAll("[for='" + el.id + "']").forEach(function (l) { l.htmlFor = id; });
        li.querySelectorAll("[aria-describedby]").forEach(function (d) {
          d.setAttribute("aria-describedby", d.getAttribute("aria-describedby").split(" ").map(function (x) { return x === el.id ? id : x; }).join(" "));
        });
        li.querySelectorAll("[data-rich-text='" + el.id + "']").forEach(function (r) { r.dataset.richText = id; });
        el.id = id;
      });
      li.querySelectorAll("[data-move]").forEach(function (b) {
        b.value = b.dataset.move + "-" + i;
      });
      var n = li.querySelector("[data-block-n]");
      if (n) n.textContent = String(i + 1);
    });
  }

  function addBlock(kind, after) {
    var template = form.querySelector("template[data-block-template='" + kind + "']");
    if (!template) return null;
    var li = template.content.firstElementChild.cloneNode(true);
    if (after && after.parentNode === list) after.after(li); else list.appendChild(li);
    renumber();
    setup(li);
    return li;
  }

  function setup(li) {
    li.draggable = false;
    enhanceParagraph(li);
    if (picker && picker.showModal) li.querySelectorAll("[data-media-pick]").forEach(function (b) { b.hidden = false; });
    li.addEventListener("focusin", function () { current = li; });
    var handle = li.querySelector(".drag-handle");
    if (handle) {
      handle.addEventListener("mousedown", function () { li.draggable = true; });
      handle.addEventListener("touchstart", function () { li.draggable = true; }, { passive: true });
    }
    li.addEventListener("dragstart", function (e) {
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", "");
    });
    li.addEventListener("dragend", function () {
      li.classList.remove("dragging");
      li.draggable = false;
      changed();
    });
  }

  list.addEventListener("dragover", function (e) {
    var dragging = list.querySelector(".dragging");
    if (!dragging) return;
    e.preventDefault();
    var over = e.target.closest && e.target.closest("[data-block]");
    if (!over || over === dragging) return;
    var box = over.getBoundingClientRect();
    if (e.clientY < box.top + box.height / 2) over.before(dragging); else over.after(dragging);
  });

  function move(li, how) {
    if (how === "up" && li.previousElementSibling) li.previousElementSibling.before(li);
    else if (how === "down" && li.nextElementSibling) li.nextElementSibling.after(li);
    else if (how === "remove") {
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      changed();
      if (next) { var f = next.querySelector("[data-rich-text]:not([hidden]), textarea:not([hidden]), input:not([type=hidden]), select"); if (f) f.focus(); }
      return;
    } else return;
    changed();
  }

  form.addEventListener("click", function (e) {
    var button = e.target.closest("button[name=action]");
    if (!button) return;
    var li = button.closest("[data-block]");
    var value = button.value;
    if (li && button.dataset.move) {
      e.preventDefault();
      move(li, button.dataset.move);
      if (button.isConnected) button.focus();
    } else if (value.indexOf("add-") === 0) {
      e.preventDefault();
      var added = addBlock(value.slice(4), current && current.isConnected ? current : list.lastElementChild);
      if (!added) return;
      current = added;
      var first = added.querySelector("[data-rich-text], textarea, input:not([type=hidden]), select");
      if (first) first.focus();
      changed();
    }
  });

  list.addEventListener("keydown", function (e) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    var li = e.target.closest("[data-block]");
    if (!li) return;
    e.preventDefault();
    var focused = document.activeElement;
    move(li, e.key === "ArrowUp" ? "up" : "down");
    if (focused) focused.focus();
  });

  // ---- word count --------------------------------------------------------

  var counter = form.querySelector("[data-word-count]");
  function count() {
    if (!counter) return;
    var text = "";
    form.querySelectorAll("[name=lead], [name$='-text']").forEach(function (f) { text += " " + f.value; });
    var words = text.replace(/\]\([^)\s]*\)|[*\[\]]/g, " ").match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
    counter.textContent = counter.dataset.label + ": " + (words ? words.length : 0);
  }
  form.addEventListener("input", count);

  // ---- pictures: the media bank picker and uploads by drag and drop ------

  var picker = document.querySelector("[data-media-picker]");
  var csrf = form.querySelector("input[name=csrf_token]");
  var target = null; // the number field the picker fills

  function thumb(asset) {
    var wrap = document.createElement("span");
    if (asset.url) {
      var img = document.createElement("img");
      img.src = asset.url;
      img.alt = asset.alt_text || "";
      img.loading = "lazy";
      wrap.appendChild(img);
    } else {
      wrap.textContent = picker.dataset.processing;
    }
    var caption = document.createElement("span");
    caption.className = "caption";
    caption.textContent = "#" + asset.id + " " + (asset.caption || "");
    wrap.appendChild(caption);
    [["credit", "noCredit"], ["alt_text", "noAlt"]].forEach(function (pair) {
      if (asset[pair[0]]) return;
      var w = document.createElement("span");
      w.className = "warn";
      w.textContent = "⚠ " + picker.dataset[pair[1]];
      wrap.appendChild(w);
    });
    return wrap;
  }

  // Shows the chosen picture under its number field.
  function showPicked(field, asset) {
    var shown = field.nextElementSibling;
    if (!shown || !shown.classList.contains("picked-thumb")) {
      shown = document.createElement("div");
      shown.className = "picked-thumb";
      field.after(shown);
    }
    shown.replaceChildren(thumb(asset));
    editLink(field);
  }

  // Beside a picture field: a button editing the picture's caption,
  // credit and alt text in place (picture-texts.js), and a link to its own
  // page (crop, focal point, every text), opened beside the story.
  function editLink(field) {
    var link = field.parentNode.querySelector(":scope > a.picture-edit");
    var texts = field.parentNode.querySelector(":scope > button.picture-texts-open");
    var id = field.value.trim();
    if (!/^[0-9]+$/.test(id)) {
      if (link) link.remove();
      if (texts) texts.remove();
      return;
    }
    if (!link) {
      link = document.createElement("a");
      link.className = "picture-edit";
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = picker.dataset.edit;
      var after = field.nextElementSibling && field.nextElementSibling.classList.contains("picked-thumb") ? field.nextElementSibling : field;
      after.after(link);
    }
    link.href = "/newsroom/media/" + id + "#framing-heading";
    if (!texts && picker.dataset.texts) {
      texts = document.createElement("button");
      texts.type = "button";
      texts.className = "picture-texts-open";
      texts.textContent = picker.dataset.texts;
      link.before(texts);
    }
    if (texts) texts.dataset.textsOpen = id;
  }

  // picture-texts.js saved new texts: the thumbnail and its warnings follow.
  form.addEventListener("dateline:picture", function (e) {
    var button = e.target.closest ? e.target.closest("button.picture-texts-open") : null;
    var field = button && button.parentNode.querySelector("#f-lead-media, input[name$='-media']");
    if (field && e.detail) showPicked(field, e.detail);
  });

  function search(q) {
    var results = picker.querySelector("[data-picker-results]");
    fetch("/api/v1/admin/media?limit=24" + (q ? "&q=" + encodeURIComponent(q) : ""), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (page) {
        if (!page.items.length) {
          var none = document.createElement("li");
          none.textContent = picker.dataset.none;
          results.replaceChildren(none);
          return;
        }
        results.replaceChildren.apply(results, page.items.map(function (asset) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button";
          b.appendChild(thumb(asset));
          b.addEventListener("click", function () {
            if (target) {
              target.value = String(asset.id);
              showPicked(target, asset);
              changed();
              target.focus();
            }
            picker.close();
          });
          li.appendChild(b);
          return li;
        }));
      });
  }

  if (picker) {
    form.querySelectorAll("#f-lead-media, input[name$='-media']").forEach(function (field) {
      editLink(field);
      // The chosen picture, with its warnings, from the start.
      var id = field.value.trim();
      if (!/^[0-9]+$/.test(id)) return;
      fetch("/api/v1/admin/media/" + id, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (asset) { if (asset && field.value.trim() === id) showPicked(field, asset); }, function () {});
    });
    form.addEventListener("change", function (e) {
      if (e.target.matches && e.target.matches("#f-lead-media, input[name$='-media']")) editLink(e.target);
    });
  }

  if (picker && picker.showModal) {
    // The lead and social pictures' buttons; blocks' are shown by setup().
    form.querySelectorAll("[data-media-pick]").forEach(function (b) {
      if (!b.closest("[data-block]")) b.hidden = false;
    });
    var timer = null;
    var q = picker.querySelector("[data-picker-q]");
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(q.value.trim()); }, 250);
    });
    picker.querySelector("[data-picker-close]").addEventListener("click", function () { picker.close(); });
    form.addEventListener("click", function (e) {
      var b = e.target.closest("[data-media-pick]");
      if (!b) return;
      // A block's own field (its id changes as blocks move), else the lead's.
      var block = b.closest("[data-block]");
      target = block ? block.querySelector("input[name$='-media']") : document.getElementById(b.dataset.mediaPick);
      picker.showModal();
      q.focus();
      search(q.value.trim());
    });
  }

  var uploadState = form.querySelector("[data-upload-state]");
  function hasFiles(e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0; }
  form.addEventListener("dragover", function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    form.classList.add("drop-target");
  });
  form.addEventListener("dragleave", function (e) {
    if (e.target === form) form.classList.remove("drop-target");
  });
  form.addEventListener("drop", function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    form.classList.remove("drop-target");
    var at = e.target.closest && e.target.closest("[data-block]");
    Array.prototype.filter.call(e.dataTransfer.files, function (f) { return /^image\//.test(f.type); })
      .forEach(function (file) { at = upload(file, at); });
  });

  // Uploads one picture and adds an image block for it after `after`;
  // returns the new block so that several files keep their order.
  function upload(file, after) {
    var li = addBlock("image", after && after.isConnected ? after : list.lastElementChild);
    if (!li) return after;
    var field = li.querySelector("input[name$='-media']");
    uploadState.textContent = uploadState.dataset.uploading;
    fetch("/api/v1/admin/media?filename=" + encodeURIComponent(file.name), {
      method: "POST", body: file, credentials: "same-origin",
      headers: { "Content-Type": file.type || "application/octet-stream", "X-CSRF-Token": csrf ? csrf.value : "" }
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (res) {
      if (!res.ok) throw new Error((res.data.error && res.data.error.message) || "");
      field.value = String(res.data.id);
      showPicked(field, res.data);
      uploadState.textContent = uploadState.dataset.uploaded;
      changed();
    }).catch(function (err) {
      li.remove();
      renumber();
      uploadState.textContent = uploadState.dataset.failed + " " + file.name + (err.message ? ": " + err.message : "");
    });
    return li;
  }

  // ---- search and social: counters and the search result preview -------

  var serp = form.querySelector("[data-serp]");
  function typed(name) {
    var field = form.elements.namedItem(name);
    return field && field.value ? field.value.trim() : "";
  }
  function seoCount(field) {
    var out = form.querySelector("[data-count-for='" + field.id + "']");
    if (!out) return;
    var n = Array.from(field.value.trim()).length;
    out.querySelector("[data-count]").textContent = String(n);
    out.querySelector("[data-over]").hidden = n <= Number(field.dataset.shown);
  }
  function preview() {
    if (!serp) return;
    serp.querySelector("[data-serp-url]").textContent = typed("canonical_url") || serp.dataset.own;
    serp.querySelector("[data-serp-title]").textContent =
      typed("seo_title") || typed("headline") + " - " + serp.dataset.edition;
    serp.querySelector("[data-serp-description]").textContent = typed("seo_description") || typed("lead");
  }
  form.addEventListener("input", function (e) {
    if (e.target.dataset && e.target.dataset.shown) seoCount(e.target);
    preview();
  });

  Array.prototype.forEach.call(list.children, setup);
  count();
})();
