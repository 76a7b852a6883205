// The service worker of breaking-news notifications. It does nothing but
// show the alerts the site pushes (JSON: title, body, url, tag, lang) and
// open the story when one is clicked. Registered by newsletter.js with the
// scope /static/, so it never takes over the site's pages.
"use strict";

self.addEventListener("push", function (event) {
  var alert = {};
  try { alert = event.data ? event.data.json() : {}; } catch (e) { alert = {}; }
  if (!alert.title) { return; }
  event.waitUntil(self.registration.showNotification(alert.title, {
    body: alert.body || "",
    tag: alert.tag || "",
    lang: alert.lang || "",
    data: { url: alert.url || "/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
