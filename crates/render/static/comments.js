// Comments, enhanced: every form here also works as a plain POST without
// this file. With it, the reader's token is filled in on cached pages (from
// /account/me) and forms are sent without leaving the page: the answer is
// the comments page, whose fresh parts replace the ones shown. Stories
// added by infinite scroll get their tokens too, and each form's answer
// goes to its own story's discussion.
(function () {
  "use strict";
  var me = null;

  function fillTokens(root) {
    if (!me || !me.csrf) { return; }
    root.querySelectorAll("input[data-csrf]").forEach(function (input) {
      if (!input.value) { input.value = me.csrf; }
    });
    if (me.signed_in) {
      root.querySelectorAll("[data-signed-out]").forEach(function (p) { p.hidden = true; });
    }
  }

  // The answer replaces the parts of the discussion the form belongs to.
  // An answer that is no comments page (a form refused before its handler,
  // as one holding a control character) is left to the browser: the form
  // is sent again the plain way, and the reader sees that answer.
  function swap(doc, form) {
    var fresh = doc.getElementById("comments");
    if (!fresh) { form.submit(); return; }
    var here = form.closest("#comments");
    if (fresh && here) {
      here.replaceWith(fresh);
      fillTokens(fresh);
      return;
    }
    // An article page (the first story or one added below it): refresh
    // that story's list and form from the comments page.
    var box = form.closest(".discussion");
    if (!box || !fresh) { return; }
    ["form.comment-form", ".comment-list", ".notice", ".form-error"].forEach(function (sel) {
      var old = box.querySelector(sel);
      var neu = fresh.querySelector(sel);
      if (old && neu) { old.replaceWith(neu); }
      else if (!old && neu) { box.insertBefore(neu, box.querySelector(".comments-all")); }
    });
    fillTokens(box);
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-comment-form], form[data-comment-action]")) { return; }
    if (!window.fetch || !window.DOMParser) { return; }
    e.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      swap(new DOMParser().parseFromString(html, "text/html"), form);
    }).catch(function () {
      form.submit();
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  });

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
          if (node.nodeType === 1) { fillTokens(node); }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
}());
