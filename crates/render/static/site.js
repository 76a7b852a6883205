// Optional niceties; every page works without this file.
// Closes an open menu (<details>) on Escape or a click outside it.
(function () {
  "use strict";
  function closeAll(except) {
    document.querySelectorAll("details[open]").forEach(function (d) {
      if (d !== except) { d.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (e) {
    closeAll(e.target.closest ? e.target.closest("details") : null);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      var open = document.querySelector("details[open]");
      if (open) {
        open.removeAttribute("open");
        var summary = open.querySelector("summary");
        if (summary) { summary.focus(); }
      }
    }
  });
})();

// The live newsfeed: a list marked data-live-feed gets the stories
// published while the page is open, newest on top, from the edition's
// Server-Sent Events stream. The browser resumes after a break from the
// last story it received (Last-Event-ID); a story already listed is skipped.
(function () {
  "use strict";
  var list = document.querySelector("[data-live-feed]");
  if (!list || !window.EventSource || !window.JSON) { return; }
  var max = parseInt(list.getAttribute("data-max") || "0", 10);
  var after = list.getAttribute("data-after");
  var url = list.getAttribute("data-live-feed") + (after ? "?after=" + encodeURIComponent(after) : "");
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

  var source = new EventSource(url);
  source.addEventListener("article", function (e) {
    var item;
    try { item = JSON.parse(e.data); } catch (err) { return; }
    if (list.querySelector('[data-id="' + item.id + '"]')) { return; }
    list.insertBefore(entry(item), list.firstChild);
    while (max > 0 && list.children.length > max) { list.removeChild(list.lastElementChild); }
    status.textContent = item.headline;
  });
  window.addEventListener("pagehide", function () { source.close(); });
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
        nav.parentNode.insertBefore(story, nav.nextSibling);
        nav.classList.add("next-article-done");
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
