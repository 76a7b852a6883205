// Optional niceties; every page works without this file.
// Closes an open menu (<details data-menu>) on Escape or a click outside
// it. Other <details> (a reply or report form) stay as the reader left
// them, and no menu closes while it holds the focus or typed text.
(function () {
  "use strict";
  function busy(d) {
    if (d.contains(document.activeElement) && document.activeElement !== d.querySelector("summary")) { return true; }
    var fields = d.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit" || f.type === "button") { continue; }
      if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked !== f.defaultChecked) { return true; }
      } else if (f.tagName === "SELECT") {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) { return true; }
        }
      } else if (f.value !== f.defaultValue) { return true; }
    }
    return false;
  }
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details[data-menu][open]").forEach(function (d) {
      if (!d.contains(e.target) && !busy(d)) { d.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("details[data-menu][open]").forEach(function (d) {
      if (busy(d) && !d.contains(document.activeElement)) { return; }
      d.removeAttribute("open");
      var summary = d.querySelector("summary");
      if (summary && d.contains(document.activeElement)) { summary.focus(); }
    });
  });
})();

// A notice an account action left for this page (the dateline_notice
// cookie names it; the page holds its text): shown once, then forgotten.
(function () {
  "use strict";
  var flash = document.querySelector("[data-flash]");
  var found = /(?:^|;\s*)dateline_notice=([a-z-]+)/.exec(document.cookie);
  if (!flash || !found) { return; }
  document.cookie = "dateline_notice=; path=/; max-age=0; samesite=lax";
  var text = flash.getAttribute("data-notice-" + found[1]);
  if (!text) { return; }
  flash.hidden = false;
  flash.querySelector("[data-flash-text]").textContent = text;
  flash.querySelector("[data-flash-close]").addEventListener("click", function () { flash.hidden = true; });
})();

// The section row scrolls sideways on narrow screens: while sections are
// hidden past its end, it carries data-more (shown as a fade).
(function () {
  "use strict";
  var nav = document.querySelector("nav.sections");
  var row = nav && nav.querySelector("ul");
  if (!row) { return; }
  function update() {
    var hidden = row.scrollWidth - row.clientWidth - Math.abs(row.scrollLeft) > 2;
    nav.toggleAttribute("data-more", hidden);
  }
  row.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);
  update();
  // The current section is scrolled into view. Measured on the screen, so
  // that it holds either way the row runs: in a right-to-left row,
  // scrollLeft counts from 0 down to negative numbers.
  var current = row.querySelector("[aria-current]");
  if (current) {
    var box = row.getBoundingClientRect(), link = current.getBoundingClientRect();
    var shift = link.right > box.right ? link.right - box.right + 16 : link.left < box.left ? link.left - box.left - 16 : 0;
    if (shift !== 0) {
      row.scrollLeft += shift;
      update();
    }
  }
})();

// The masthead's account links. Pages are the same for everyone (and
// cached), so the signed-in reader's menu is filled in here: only in a
// browser carrying the "signed in" cookie does the script ask /account/me
// who it is. "Log in" comes back to the page it was followed from.
(function () {
  "use strict";
  var nav = document.querySelector("[data-account-nav]");
  if (!nav) { return; }
  var here = location.pathname + location.search;
  var login = nav.querySelector("[data-account-login]");
  if (login && !/^\/account\//.test(location.pathname) && window.URL) {
    var to = new URL(login.href, location.href);
    to.searchParams.set("return", here);
    login.href = to.pathname + to.search;
  }
  var hint = /(?:^|;\s*)dateline_signed_in=1(?:;|$)/;
  if (!hint.test(document.cookie) || !window.fetch) { return; }
  fetch("/account/me", { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (me) {
      if (!me.signed_in) {
        // The session ended (expired, or ended elsewhere): forget the hint.
        document.cookie = "dateline_signed_in=; path=/; max-age=0; samesite=lax";
        return;
      }
      var template = nav.querySelector("template[data-account-menu]");
      if (!template || !template.content) { return; }
      var menu = template.content.firstElementChild.cloneNode(true);
      var name = me.display_name || "";
      menu.querySelector("[data-account-name]").textContent = name;
      menu.querySelector("[data-account-initial]").textContent = Array.from(name.trim())[0] || "?";
      menu.querySelector("[data-account-csrf]").value = me.csrf;
      menu.querySelector("[data-account-return]").value = here;
      if (login) { login.replaceWith(menu); } else { nav.appendChild(menu); }
    })
    .catch(function () {});
})();

// The live newsfeed: a list marked data-live-feed gets the stories
// published while the page is open, newest on top, from the edition's
// Server-Sent Events stream. The browser resumes after a break from the
// last story it received (Last-Event-ID); a story already listed is skipped.
// A node that shuts down ends the stream with a short random `retry:`, and
// the browser reconnects (through the proxy, to another node). A refused
// reconnection (a proxy's 502 while nodes restart) closes an EventSource
// for good: a new one is opened later, from the last story received.
(function () {
  "use strict";
  var list = document.querySelector("[data-live-feed]");
  if (!list || !window.EventSource || !window.JSON) { return; }
  var max = parseInt(list.getAttribute("data-max") || "0", 10);
  var after = list.getAttribute("data-after") || "";
  var wait = 1000;
  var source = null;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  list.parentNode.insertBefore(status, list);

  function link(className, href, text) {
    var a = document.createElement("a");
    a.className = className;
    a.href = href;
    a.textContent = text;
    return a;
  }

  function entry(item) {
    var li = document.createElement("li");
    li.className = "stream-item stream-item-new";
    li.setAttribute("data-id", String(item.id));
    var time = document.createElement("time");
    time.setAttribute("datetime", item.published_at);
    time.textContent = item.time;
    var text = document.createElement("span");
    text.className = "stream-text";
    text.appendChild(link("stream-section", item.section_url, item.section_title));
    text.appendChild(document.createTextNode(" "));
    text.appendChild(link("stream-title", item.url, item.headline));
    li.appendChild(time);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(text);
    return li;
  }

  function open() {
    var url = list.getAttribute("data-live-feed") + (after ? "?after=" + encodeURIComponent(after) : "");
    var current = new EventSource(url);
    source = current;
    current.addEventListener("open", function () { wait = 1000; });
    current.addEventListener("article", function (e) {
      if (e.lastEventId) { after = e.lastEventId; }
      var item;
      try { item = JSON.parse(e.data); } catch (err) { return; }
      if (list.querySelector('[data-id="' + item.id + '"]')) { return; }
      list.insertBefore(entry(item), list.firstChild);
      while (max > 0 && list.children.length > max) { list.removeChild(list.lastElementChild); }
      status.textContent = item.headline;
    });
    current.addEventListener("error", function () {
      if (current.readyState !== EventSource.CLOSED || source !== current) { return; }
      setTimeout(open, wait * (0.5 + Math.random()));
      wait = Math.min(wait * 2, 60000);
    });
  }
  open();
  window.addEventListener("pagehide", function () { source.close(); source = null; });
})();

// Infinite scroll: when the reader reaches the "next article" link at the
// end of a story, the next story is loaded below it; the address bar and
// the title follow the story in view. Without this script the link is an
// ordinary link.
(function () {
  "use strict";
  var MAX_STORIES = 10;
  var first = document.querySelector("main article.article");
  var nextLink = document.querySelector("a[data-next-article]");
  if (!first || !nextLink || !window.fetch || !window.DOMParser || !window.IntersectionObserver || !window.history.replaceState) { return; }
  var loaded = 1;
  var loading = false;
  first.setAttribute("data-url", location.pathname + location.search);
  first.setAttribute("data-title", document.title);

  // Ids must stay unique in the page: suffix those of a loaded story and
  // the references to them.
  function renumber(root, n) {
    var suffix = "-s" + n;
    root.querySelectorAll("[id]").forEach(function (el) { el.id = el.id + suffix; });
    ["aria-labelledby", "aria-describedby", "for"].forEach(function (attr) {
      root.querySelectorAll("[" + attr + "]").forEach(function (el) {
        el.setAttribute(attr, el.getAttribute(attr).split(" ").map(function (id) { return id + suffix; }).join(" "));
      });
    });
    root.querySelectorAll('a[href^="#"]').forEach(function (a) {
      if (a.getAttribute("href").length > 1) { a.setAttribute("href", a.getAttribute("href") + suffix); }
    });
  }

  var inView = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) { return; }
      var target = e.target.getAttribute("data-url");
      if (target && target !== location.pathname + location.search) {
        history.replaceState(null, "", target);
        document.title = e.target.getAttribute("data-title");
      }
    });
  }, { rootMargin: "-45% 0px -45% 0px" });
  inView.observe(first);

  function loadNext(nav, link) {
    if (loading || loaded >= MAX_STORIES) { return; }
    loading = true;
    var href = link.getAttribute("href");
    fetch(href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var story = doc.querySelector("main article.article");
        if (!story) { throw new Error("no story"); }
        loaded += 1;
        var nextNav = doc.querySelector("main nav.next-article");
        story = document.importNode(story, true);
        story.classList.add("article-loaded");
        story.setAttribute("data-url", href);
        story.setAttribute("data-title", doc.title);
        renumber(story, loaded);
        // The story takes the place of its teaser (the link at the end of
        // the one before), so its headline is not shown twice.
        nav.parentNode.replaceChild(story, nav);
        inView.observe(story);
        if (nextNav) {
          nextNav = document.importNode(nextNav, true);
          renumber(nextNav, loaded);
          story.parentNode.insertBefore(nextNav, story.nextSibling);
          watch(nextNav);
        }
        loading = false;
      })
      .catch(function () { loading = false; });
  }

  var reach = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) { return; }
      var link = e.target.querySelector("a[data-next-article]");
      reach.unobserve(e.target);
      if (link) { loadNext(e.target, link); }
    });
  }, { rootMargin: "0px 0px 600px 0px" });
  function watch(nav) { reach.observe(nav); }
  var nav = nextLink.closest("nav");
  if (nav) { watch(nav); }
})();

// The open article's live stream (one per page, at the article's address
// + "/live"): live-coverage entries posted, edited, pinned or deleted, and
// comments that became visible, each inserted where a reload would show
// it, as the server rendered it. The browser resumes after a break from
// the last event it received (Last-Event-ID); nothing is shown twice. As
// for the newsfeed, a refused reconnection opens a new stream later.
(function () {
  "use strict";
  var article = document.querySelector("main article.article");
  var commentsLink = article && article.querySelector("a[data-comments-page]");
  if (!commentsLink || !window.EventSource || !window.JSON || !document.createElement("template").content) { return; }
  var base = commentsLink.getAttribute("href").replace(/\/comments$/, "");
  var live = article.querySelector("[data-live-coverage]");
  var after = (live ? live.getAttribute("data-live-after") : "") || "";

  function fragment(html) {
    var t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  // Entries are listed newest first (by posting time, then id).
  function insertSorted(list, li) {
    var posted = Number(li.getAttribute("data-posted"));
    var id = Number(li.getAttribute("data-entry"));
    for (var i = 0; i < list.children.length; i++) {
      var c = list.children[i];
      var p = Number(c.getAttribute("data-posted"));
      if (p < posted || (p === posted && Number(c.getAttribute("data-entry")) < id)) {
        list.insertBefore(li, c);
        return;
      }
    }
    list.appendChild(li);
  }

  // Coverage that starts while the page is open: its block comes from the
  // page itself, fetched again; entries arriving meanwhile wait for it.
  var adopting = false;
  var waiting = [];
  function adopt() {
    if (adopting || !window.fetch || !window.DOMParser) { return; }
    adopting = true;
    fetch(base, { credentials: "same-origin", cache: "no-cache" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var story = doc.querySelector("main article.article");
        var block = story && story.querySelector("[data-live-coverage]");
        if (!block || live) { return; }
        live = document.importNode(block, true);
        var body = article.querySelector(".article-body");
        body.parentNode.insertBefore(live, body);
        var mark = story.querySelector(".live-mark");
        var kicker = article.querySelector(".kicker");
        if (mark && kicker && !article.querySelector(".live-mark")) {
          kicker.parentNode.insertBefore(document.importNode(mark, true), kicker.nextSibling);
        }
      })
      .catch(function () {})
      .then(function () {
        adopting = false;
        var items = waiting;
        waiting = [];
        if (live) { items.forEach(onEntry); }
      });
  }

  function onEntry(item) {
    if (!live) {
      waiting.push(item);
      adopt();
      return;
    }
    var all = live.querySelector("[data-live-entries]");
    var key = live.querySelector("[data-live-key]");
    var selector = '[data-entry="' + item.id + '"]';
    var old = all.querySelector(selector);
    var oldKey = key.querySelector(selector);
    if (old) { old.parentNode.removeChild(old); }
    if (oldKey) { oldKey.parentNode.removeChild(oldKey); }
    if (item.html) { insertSorted(all, fragment(item.html)); }
    if (item.key_html) { insertSorted(key, fragment(item.key_html)); }
    live.querySelector("[data-live-key-block]").hidden = key.children.length === 0;
    live.querySelector("[data-live-empty]").hidden = all.children.length > 0;
    if (!old && item.text) {
      live.querySelector("[data-live-status]").textContent = item.text;
      if (item.html) { countUnseen(); }
    }
  }

  // While the tab is in the background, its title counts the updates
  // posted meanwhile: "(3) Headline"; coming back clears the count.
  var unseen = 0;
  var plainTitle = document.title;
  function countUnseen() {
    if (!document.hidden) { return; }
    if (unseen === 0) { plainTitle = document.title; }
    unseen += 1;
    document.title = "(" + unseen + ") " + plainTitle;
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && unseen > 0) {
      unseen = 0;
      document.title = plainTitle;
    }
  });

  function onCoverage(item) {
    var open = item.status === "open";
    document.querySelectorAll("main .live-mark, [data-live-badge]").forEach(function (el) { el.hidden = !open; });
    if (!live) {
      if (open) { adopt(); }
      return;
    }
    var title = live.querySelector("[data-live-title]");
    title.textContent = title.getAttribute(open ? "data-open" : "data-ended");
    live.classList.toggle("live-open", open);
  }

  function onComment(item) {
    var box = article.querySelector(".discussion");
    if (!box || document.getElementById("c" + item.id)) { return; }
    var card = fragment(item.html);
    var li = document.createElement("li");
    li.appendChild(card);
    if (!item.parent_id) {
      var list = box.querySelector("ol.comment-list");
      if (!list) {
        list = document.createElement("ol");
        list.className = "comment-list";
        list.setAttribute("role", "list");
        box.insertBefore(list, box.querySelector(".comments-all"));
      }
      li.className = "comment-thread";
      list.insertBefore(li, list.firstChild);
    } else {
      var parent = document.getElementById("c" + item.parent_id);
      if (parent && box.contains(parent)) {
        var holder = parent.parentNode;
        var replies = null;
        for (var i = 0; i < holder.children.length; i++) {
          if (holder.children[i].matches("ol.comment-replies")) { replies = holder.children[i]; }
        }
        if (!replies) {
          replies = document.createElement("ol");
          replies.className = "comment-replies";
          replies.setAttribute("role", "list");
          holder.insertBefore(replies, parent.nextSibling);
        }
        replies.appendChild(li);
      }
    }
    box.querySelectorAll(".comment-count").forEach(function (el) { el.textContent = item.count; });
    box.querySelectorAll(".comment-counter").forEach(function (el) { el.textContent = item.counter; });
  }

  // A comment left the page: its list item holds it and its replies.
  function onCommentRemoved(item) {
    var box = article.querySelector(".discussion");
    if (!box) { return; }
    var card = document.getElementById("c" + item.id);
    if (card && box.contains(card)) {
      var holder = card.parentNode;
      (holder && holder.tagName === "LI" ? holder : card).remove();
    }
    box.querySelectorAll(".comment-count").forEach(function (el) { el.textContent = item.count; });
    box.querySelectorAll(".comment-counter").forEach(function (el) { el.textContent = item.counter; });
  }

  var handlers = { entry: onEntry, coverage: onCoverage, comment: onComment, "comment-removed": onCommentRemoved };
  var wait = 1000;
  var source = null;
  function open() {
    var current = new EventSource(base + "/live" + (after ? "?after=" + encodeURIComponent(after) : ""));
    source = current;
    current.addEventListener("open", function () { wait = 1000; });
    Object.keys(handlers).forEach(function (name) {
      current.addEventListener(name, function (e) {
        if (e.lastEventId) { after = e.lastEventId; }
        var item;
        try { item = JSON.parse(e.data); } catch (err) { return; }
        handlers[name](item);
      });
    });
    current.addEventListener("error", function () {
      if (current.readyState !== EventSource.CLOSED || source !== current) { return; }
      setTimeout(open, wait * (0.5 + Math.random()));
      wait = Math.min(wait * 2, 60000);
    });
  }
  open();
  window.addEventListener("pagehide", function () { source.close(); source = null; });
})();
