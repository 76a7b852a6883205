// Web push on the subscribe page: shows the "breaking news on this device"
// box where the browser can take notifications, and turns them on (asks
// permission, registers push-worker.js, subscribes with the site's public
// key, sends the subscription to the server) or off. Without this file, or
// in a browser without push, the box stays hidden and the page is the
// e-mail form alone.
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !window.fetch) { return; }
  var on = box.querySelector("[data-push-on]");
  var off = box.querySelector("[data-push-off]");
  var state = box.querySelector("[data-push-state]");
  var url = box.getAttribute("data-push-url");
  var worker = box.getAttribute("data-push-worker");
  var key = box.getAttribute("data-push-key");

  function say(which) {
    state.textContent = state.getAttribute("data-text-" + which) || "";
  }

  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
    say(subscribed ? "on" : "off");
  }

  // The key is base64url; pushManager wants its bytes.
  function bytes(text) {
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) { padded += "="; }
    var raw = window.atob(padded);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function send(method, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body)
    }).then(function (answer) {
      if (!answer.ok) { throw new Error("status " + answer.status); }
    });
  }

  function registration() {
    return navigator.serviceWorker.register(worker, { scope: "/static/" })
      .then(function () { return navigator.serviceWorker.ready; });
  }

  on.addEventListener("click", function () {
    on.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { say("denied"); return null; }
      return registration().then(function (reg) {
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) });
      }).then(function (subscription) {
        return send("POST", subscription.toJSON());
      }).then(function () { show(true); });
    }).catch(function () { say("failed"); }).then(function () { on.disabled = false; });
  });

  off.addEventListener("click", function () {
    off.disabled = true;
    registration().then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) { return null; }
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(function () {
        return send("DELETE", { endpoint: endpoint });
      });
    }).then(function () { show(false); })
      .catch(function () { say("failed"); })
      .then(function () { off.disabled = false; });
  });

  box.hidden = false;
  if (Notification.permission === "denied") { say("denied"); on.disabled = true; return; }
  navigator.serviceWorker.getRegistration("/static/").then(function (reg) {
    return reg ? reg.pushManager.getSubscription() : null;
  }).then(function (subscription) { show(Boolean(subscription)); })
    .catch(function () { show(false); });
}());
