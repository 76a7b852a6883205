// Comments, enhanced: every form here also works as a plain POST without
// this file. With it, the reader's token is filled in on cached pages (from
// /account/me) and forms are sent without leaving the page: the answer is
// the comments page, whose fresh parts replace the ones shown. Stories
// added by infinite scroll get their tokens too, and each form's answer
// goes to its own story's discussion. What a reader types is kept in
// sessionStorage until it is sent, so that it survives logging in: a
// signed-out reader who sends is taken to the login page, and back.
// Text boxes grow with what is typed.
(function () {
  "use strict";
  var me = null;
  var DRAFT = "dateline.comment-draft:";
  var store = null;
  try { store = window.sessionStorage; } catch (e) { store = null; }

  // --- Drafts: one per box, keyed by the story's comments URL (and the
  // comment a reply answers). ---
  function replyTo(form) {
    var field = form.querySelector("input[name=reply_to]");
    return field ? field.value : "";
  }
  function draftKey(form) {
    var action = new URL(form.getAttribute("action"), location.href).pathname;
    var to = replyTo(form);
    return DRAFT + action + (to ? "#reply-" + to : "");
  }
  function saveDraft(form) {
    var box = form.querySelector("textarea[name=body]");
    if (!store || !box) { return; }
    try {
      if (box.value.trim()) { store.setItem(draftKey(form), box.value); }
      else { store.removeItem(draftKey(form)); }
    } catch (e) { /* storage full or refused: nothing to keep */ }
  }
  function clearDraft(form) {
    if (!store) { return; }
    try { store.removeItem(draftKey(form)); } catch (e) { /* nothing kept */ }
  }
  function restoreDrafts(root) {
    if (!store) { return; }
    root.querySelectorAll("form[data-comment-form]").forEach(function (form) {
      var box = form.querySelector("textarea[name=body]");
      var kept = null;
      try { kept = store.getItem(draftKey(form)); } catch (e) { kept = null; }
      if (!box || !kept || box.value) { return; }
      box.value = kept;
      var panel = form.closest("details");
      if (panel) { panel.open = true; }
      grow(box);
    });
  }
  // Back on a comments page after a plain send: what was sent is not a
  // draft any more.
  function forgetSent() {
    if (!store || !/[?&]done=(published|pending)\b/.test(location.search)) { return; }
    var prefix = DRAFT + location.pathname;
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key === prefix || (key && key.indexOf(prefix + "#") === 0)) { store.removeItem(key); }
      }
    } catch (e) { /* nothing kept */ }
  }

  // --- Text boxes grow with their text (up to the height CSS allows). ---
  function grow(box) {
    // A box in a closed panel has no height to measure: it grows when shown.
    if (!box || !box.hasAttribute("data-grow") || !box.getClientRects().length) { return; }
    box.style.height = "auto";
    var edge = box.offsetHeight - box.clientHeight;
    box.style.height = (box.scrollHeight + edge) + "px";
  }
  document.addEventListener("input", function (e) {
    var box = e.target;
    if (!box.matches || !box.matches("textarea")) { return; }
    grow(box);
    var form = box.closest("form[data-comment-form]");
    if (form) { saveDraft(form); }
  });
  // A reply, edit or report panel opening shows its box at its size.
  document.addEventListener("toggle", function (e) {
    var panel = e.target;
    if (!panel.open || !panel.querySelectorAll) { return; }
    panel.querySelectorAll("textarea[data-grow]").forEach(grow);
  }, true);
  // Links to log in or register leave the page: keep every box's text.
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[href*='/account/']");
    if (!link) { return; }
    document.querySelectorAll("form[data-comment-form]").forEach(saveDraft);
  });

  // --- Who is reading: tokens for a signed-in reader, hints otherwise. ---
  function fillTokens(root) {
    if (!me) { return; }
    if (me.signed_in && me.csrf) {
      root.querySelectorAll("input[data-csrf]").forEach(function (input) {
        if (!input.value) { input.value = me.csrf; }
      });
      root.querySelectorAll("[data-signed-out]").forEach(function (el) { el.hidden = true; });
    } else if (!me.signed_in) {
      root.querySelectorAll("[data-when-signed-out]").forEach(function (el) { el.hidden = false; });
    }
  }

  // Where a signed-out reader logs in: the discussion's own login link,
  // coming back to the comment they answered or liked.
  function loginUrl(form) {
    var area = form.closest(".discussion-area");
    var link = area && area.querySelector("a[data-login]");
    if (!link) { return null; }
    var url = new URL(link.getAttribute("href"), location.href);
    var card = form.closest("[data-comment]");
    var id = replyTo(form) || (card ? card.getAttribute("data-comment") : "");
    if (id) {
      var back = new URL(url.searchParams.get("return") || location.pathname, location.href);
      back.hash = "c" + id;
      url.searchParams.set("return", back.pathname + back.search + back.hash);
    }
    return url.href;
  }

  // --- Sending without leaving the page. ---
  function replaceOrAdd(box, fresh, selector, before) {
    var old = box.querySelector(selector);
    var neu = fresh.querySelector(selector);
    if (old && neu) { old.replaceWith(neu); }
    else if (old) { old.remove(); }
    else if (neu) { box.insertBefore(neu, box.querySelector(before)); }
  }

  function showStatus(box, fresh, quiet) {
    var here = box.querySelector("[data-comment-status]");
    var there = fresh.querySelector("[data-comment-status]");
    if (!here || !there) { return; }
    var notice = there.querySelector(".notice");
    here.textContent = "";
    if (!notice) { return; }
    if (quiet) {
      var said = document.createElement("span");
      said.className = "visually-hidden";
      said.textContent = notice.textContent;
      here.appendChild(said);
    } else {
      here.appendChild(notice.cloneNode(true));
    }
  }

  // A reply's notice also goes under the comment it answers.
  function noteUnder(root, form, fresh) {
    var to = replyTo(form);
    var notice = fresh.querySelector("[data-comment-status] .notice");
    if (!to || !notice) { return; }
    var card = root.querySelector('[data-comment="' + to + '"]');
    if (!card) { return; }
    var copy = notice.cloneNode(true);
    copy.classList.add("notice-inline");
    copy.setAttribute("aria-hidden", "true");
    card.parentNode.insertBefore(copy, card.nextSibling);
  }

  function settle(root) {
    fillTokens(root);
    restoreDrafts(root);
  }

  // The answer replaces the parts of the discussion the form belongs to.
  // An answer that is no comments page (a form refused before its handler,
  // as one holding a control character) is left to the browser: the form
  // is sent again the plain way, and the reader sees that answer.
  function swap(doc, form) {
    var fresh = doc.getElementById("comments");
    if (!fresh) { form.submit(); return; }
    var liking = form.matches("form[data-comment-action]");
    var page = form.closest("#comments");
    if (page) {
      page.replaceWith(fresh);
      noteUnder(fresh, form, fresh);
      settle(fresh);
      return;
    }
    // An article page (the first story or one added below it): refresh
    // that story's discussion from the comments page.
    var box = form.closest(".discussion");
    if (!box) { return; }
    if (liking) {
      var card = form.closest("[data-comment]");
      var id = card && card.getAttribute("data-comment");
      var neu = id && fresh.querySelector('[data-comment="' + id + '"]');
      if (card && neu) { card.replaceWith(neu); }
      showStatus(box, fresh, true);
      settle(box);
      return;
    }
    replaceOrAdd(box, fresh, "form.comment-form", ".comment-list, .comments-all");
    replaceOrAdd(box, fresh, ".comment-list", ".comments-all");
    ["comment-count", "comment-counter"].forEach(function (name) {
      var count = fresh.querySelector("." + name);
      if (!count) { return; }
      box.querySelectorAll("." + name).forEach(function (el) { el.textContent = count.textContent; });
    });
    showStatus(box, fresh, false);
    noteUnder(box, form, fresh);
    settle(box);
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-comment-form], form[data-comment-action]")) { return; }
    if (me && !me.signed_in) {
      var login = loginUrl(form);
      if (login) {
        e.preventDefault();
        saveDraft(form);
        location.assign(login);
      }
      return;
    }
    if (!window.fetch || !window.DOMParser) { return; }
    e.preventDefault();
    saveDraft(form);
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      if (/[?&]done=(published|pending)\b/.test(response.url)) { clearDraft(form); }
      return response.text();
    }).then(function (html) {
      swap(new DOMParser().parseFromString(html, "text/html"), form);
    }).catch(function () {
      form.submit();
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  });

  forgetSent();
  restoreDrafts(document);
  document.querySelectorAll("textarea[data-grow]").forEach(function (box) { if (box.value) { grow(box); } });
  if (window.fetch && document.querySelector("input[data-csrf]")) {
    fetch("/account/me", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        me = data;
        fillTokens(document);
      })
      .catch(function () {});
  }
  // Stories loaded below the first one bring forms of their own.
  if (window.MutationObserver) {
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) { settle(node); }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
}());
