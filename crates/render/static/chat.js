// Chat rooms: connects the room page to its WebSocket, adds messages as
// they arrive (each id once, grouped by author as the server groups them),
// removes deleted ones, shows who is here, and sends the form over the
// socket. The log stays at the newest message while the reader is there;
// scrolled up, new messages wait behind a "New messages" button. Each
// room remembers (localStorage) the last message seen, and the next visit
// marks what came after. Without JavaScript, or while the socket is down,
// the form posts and the links page as plain HTML. A closed socket is
// reopened with the newest id shown (`?after=`), and the server sends what
// came meanwhile: soon after a node's restart (1012), a departure (1001) or
// a cut (1006), at a random moment so that a room's readers do not all
// come back at once (a proxy sends them to another node); with a growing
// wait after that, or after any other close.
(function () {
  'use strict';
  var root = document.querySelector('[data-chat]');
  if (!root) return;
  var scroller = root.querySelector('[data-chat-scroller]');
  var log = root.querySelector('[data-chat-log]');
  var presence = root.querySelector('[data-chat-presence]');
  var status = root.querySelector('[data-chat-status]');
  var form = root.querySelector('[data-chat-form]');
  var box = form ? form.querySelector('textarea') : null;
  var errorBox = root.querySelector('[data-chat-error]');
  var older = root.querySelector('[data-chat-older]');
  var jump = root.querySelector('[data-chat-jump]');
  // Messages this close (ms) after the one before, by the same author on
  // the same side and day, join its group (as `GROUP_GAP_SECONDS`).
  var GROUP_GAP = 300 * 1000;
  // Closer to the bottom than this (px) counts as at the bottom.
  var NEAR = 32;

  // The composer grows with its text up to its CSS max-height; browsers
  // with `field-sizing: content` do that by themselves.
  function resize() {
    if (!box || (window.CSS && CSS.supports && CSS.supports('field-sizing', 'content'))) return;
    box.style.height = 'auto';
    var max = parseFloat(getComputedStyle(box).maxHeight) || 200;
    var full = box.scrollHeight + box.offsetHeight - box.clientHeight;
    box.style.height = Math.min(full, max) + 'px';
    box.style.overflowY = full > max ? 'auto' : 'hidden';
  }

  if (box) {
    var keys = form.querySelector('[data-chat-keys]');
    if (keys) {
      keys.hidden = false;
      box.setAttribute('aria-describedby', keys.id);
    }
    box.addEventListener('input', resize);
    resize();
    box.addEventListener('keydown', function (event) {
      // Enter that ends an input method's composition (Chinese, Japanese,
      // Korean) picks the characters; it does not send. Safari reports
      // that Enter only as keyCode 229.
      if (event.isComposing || event.keyCode === 229) return;
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  // Scrolling, in the log's own terms: it may lay out from the bottom
  // (CSS `column-reverse`, so that it opens at the newest message even
  // without this script), so only relative moves are used.
  var content = scroller.firstElementChild;
  function gapBelow() {
    return content.getBoundingClientRect().bottom - scroller.getBoundingClientRect().bottom;
  }
  function atBottom() { return gapBelow() <= NEAR; }
  function toBottom() {
    scroller.scrollTop += gapBelow();
    if (jump) jump.hidden = true;
  }
  // Puts `el` `offset` px below the log's top edge (as far as it goes).
  function bringToTop(el, offset) {
    scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - offset;
  }
  // The first message in view, and where it is, to keep it there.
  function anchor() {
    var top = scroller.getBoundingClientRect().top;
    var items = log.children;
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (r.bottom > top) return { el: items[i], top: r.top };
    }
    return null;
  }
  function restore(a) {
    if (a && a.el.isConnected) scroller.scrollTop += a.el.getBoundingClientRect().top - a.top;
  }

  // Groups and day separators, as the server draws them.
  function facts(li) {
    var time = li.querySelector('time');
    var when = time ? time.getAttribute('datetime') : '';
    var author = li.querySelector('.chat-author');
    return {
      author: author ? author.textContent : '',
      mine: li.classList.contains('is-mine'),
      day: when.slice(0, 10),
      at: Date.parse(when) || 0,
    };
  }
  function previousMessage(li) {
    var p = li.previousElementSibling;
    while (p && !p.hasAttribute('data-id')) p = p.previousElementSibling;
    return p;
  }
  function regroup(li) {
    if (!li) return;
    var prev = previousMessage(li);
    var me = facts(li);
    var other = prev ? facts(prev) : null;
    var newDay = !other || other.day !== me.day;
    var grouped = !newDay && other.author === me.author && other.mine === me.mine &&
      me.at - other.at >= 0 && me.at - other.at <= GROUP_GAP;
    li.classList.toggle('is-grouped', grouped);
    var label = li.querySelector('.chat-day');
    if (newDay && !label) {
      label = document.createElement('p');
      label.className = 'chat-day';
      var span = document.createElement('span');
      span.textContent = li.getAttribute('data-day') || me.day;
      label.appendChild(span);
      li.insertBefore(label, li.firstChild);
    } else if (!newDay && label) {
      label.remove();
    }
  }

  function item(m) {
    var li = document.createElement('li');
    li.className = 'chat-message' + (m.mine ? ' is-mine' : '');
    li.id = 'm' + m.id;
    li.setAttribute('data-id', String(m.id));
    li.setAttribute('data-day', m.day);
    var row = document.createElement('div');
    row.className = 'chat-row';
    if (!m.mine) {
      var avatar = document.createElement('span');
      avatar.className = 'chat-avatar';
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = m.initial;
      row.appendChild(avatar);
    }
    var bubble = document.createElement('div');
    bubble.className = 'chat-bubble';
    // The name and the message keep their own direction (a Latin name in
    // an Arabic room), as the page's own messages do.
    var author = document.createElement('span');
    author.className = 'chat-author';
    var name = document.createElement('bdi');
    name.textContent = m.author;
    author.appendChild(name);
    var time = document.createElement('time');
    time.setAttribute('datetime', m.datetime);
    time.textContent = m.time;
    var body = document.createElement('p');
    body.className = 'chat-body';
    body.setAttribute('dir', 'auto');
    body.textContent = m.body;
    bubble.appendChild(author);
    bubble.appendChild(document.createTextNode(' '));
    bubble.appendChild(time);
    bubble.appendChild(body);
    row.appendChild(bubble);
    li.appendChild(row);
    return li;
  }

  // The newest message this browser has shown the reader, per room.
  var seenKey = 'dateline:chat-seen:' + root.getAttribute('data-socket');
  function loadSeen() {
    try { return Number(localStorage.getItem(seenKey)) || 0; } catch (e) { return 0; }
  }
  function newestShown() {
    var last = log.lastElementChild;
    return last ? Number(last.getAttribute('data-id')) || 0 : 0;
  }
  // What is shown while the log is at its bottom has been seen.
  function markSeen() {
    if (!live || document.visibilityState === 'hidden' || !atBottom()) return;
    var newest = newestShown();
    if (newest > seen) {
      seen = newest;
      try { localStorage.setItem(seenKey, String(seen)); } catch (e) { /* private mode */ }
    }
  }

  // The room in the window: when the composer would start below it (a
  // notice above the room, a short screen), the page scrolls just enough,
  // never past the top of the log. A page already scrolled (coming back
  // to it) is left where it is.
  function fitWindow() {
    var foot = root.querySelector('.chat-composer');
    if (!foot || window.scrollY !== 0) return;
    var panel = scroller.parentElement.getBoundingClientRect();
    var gap = parseFloat(getComputedStyle(foot).marginTop) || 0;
    var need = panel.bottom + gap + foot.offsetHeight - window.innerHeight;
    if (need > 0) window.scrollBy(0, Math.min(need, panel.top));
  }

  // Only the latest page follows the room live and remembers what was seen.
  var live = root.hasAttribute('data-after') && 'WebSocket' in window;
  var seen = live ? loadSeen() : 0;
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (!target) fitWindow();
  if (live && !(target && log.contains(target))) {
    toBottom();
    // "New since your last visit" before the first message by someone
    // else that came after the last one seen here.
    if (seen > 0) {
      var first = null;
      Array.prototype.some.call(log.children, function (li) {
        if (Number(li.getAttribute('data-id')) > seen && !li.classList.contains('is-mine')) {
          first = li;
          return true;
        }
        return false;
      });
      if (first) {
        var divider = document.createElement('p');
        divider.className = 'chat-unread';
        divider.setAttribute('data-chat-unread', '');
        var text = document.createElement('span');
        text.textContent = root.getAttribute('data-text-unread');
        divider.appendChild(text);
        var row = first.querySelector('.chat-row');
        first.insertBefore(divider, row);
        bringToTop(first, 8);
      }
    }
  }
  if (!live) return;
  markSeen();

  var lastId = Number(root.getAttribute('data-after')) || 0;
  var shown = {};
  Array.prototype.forEach.call(log.querySelectorAll('[data-id]'), function (li) {
    shown[li.getAttribute('data-id')] = true;
  });
  var socket = null;
  var canSend = false;
  var delay = 1000;
  var failures = 0;
  var pending = {};
  var counter = 0;

  // Adds a message in id order; a message already shown is skipped.
  function add(m) {
    var key = String(m.id);
    if (shown[key]) return null;
    shown[key] = true;
    var li = item(m);
    var next = null;
    var items = log.children;
    for (var i = items.length - 1; i >= 0; i--) {
      if (Number(items[i].getAttribute('data-id')) < m.id) break;
      next = items[i];
    }
    log.insertBefore(li, next);
    regroup(li);
    regroup(next);
    if (m.id > lastId) lastId = m.id;
    var empty = root.querySelector('[data-chat-empty]');
    if (empty) empty.remove();
    return li;
  }

  // A live message: followed when the reader is at the bottom (or sent
  // it), else announced by the "New messages" button.
  function arrive(m) {
    var follow = atBottom() || m.mine;
    var kept = follow ? null : anchor();
    if (!add(m)) return;
    if (follow) {
      toBottom();
      markSeen();
    } else {
      restore(kept);
      if (jump) jump.hidden = false;
    }
  }

  function remove(id) {
    var gone = document.getElementById('m' + id);
    if (!gone || !log.contains(gone)) return;
    var kept = atBottom() ? null : anchor();
    var next = gone.nextElementSibling;
    var divider = gone.querySelector('[data-chat-unread]');
    if (divider && next) next.insertBefore(divider, next.querySelector('.chat-row'));
    gone.remove();
    regroup(next);
    if (kept) restore(kept); else toBottom();
  }

  function showError(text) {
    if (!errorBox) return;
    errorBox.textContent = text || '';
    errorBox.hidden = !text;
  }

  function setLive(on) {
    root.setAttribute('data-state', on ? 'live' : 'offline');
    status.textContent = root.getAttribute(on ? 'data-text-live' : 'data-text-offline');
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var url = scheme + location.host + root.getAttribute('data-socket') + '?after=' + lastId;
    socket = new WebSocket(url);
    socket.onopen = function () {
      setLive(true);
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      switch (frame.type) {
        case 'ready':
          // Only a room that answered resets the wait (a refused socket
          // opens, then closes).
          delay = 1000;
          failures = 0;
          canSend = frame.can_send;
          presence.textContent = frame.label;
          break;
        case 'message':
          arrive(frame);
          break;
        case 'deleted':
          remove(frame.id);
          break;
        case 'presence':
          presence.textContent = frame.label;
          presence.setAttribute('data-count', String(frame.count));
          break;
        case 'history':
          // Older messages go above: the reader's place stays put.
          var kept = anchor();
          frame.messages.forEach(add);
          restore(kept);
          if (older && (!frame.more || !frame.messages.length)) {
            older.parentNode.remove();
            older = null;
          } else if (older) {
            older.setAttribute('href', '?before=' + frame.messages[0].id);
          }
          break;
        case 'sent':
          if (frame.nonce && pending[frame.nonce] !== undefined && box) {
            if (box.value === pending[frame.nonce]) {
              box.value = '';
              resize();
            }
            delete pending[frame.nonce];
          }
          showError('');
          break;
        case 'error':
          // The text stays in the box; the reason is for this reader only.
          showError(frame.reason);
          if (frame.nonce) delete pending[frame.nonce];
          break;
      }
    };
    socket.onclose = function (event) {
      socket = null;
      canSend = false;
      setLive(false);
      var restart = event.code === 1012 || event.code === 1001 || event.code === 1006;
      var wait;
      if (restart && failures === 0) {
        wait = 250 + Math.random() * 2750;
      } else {
        wait = delay * (0.5 + Math.random());
        delay = Math.min(delay * 2, 30000);
      }
      failures += 1;
      setTimeout(connect, wait);
    };
  }

  var ticking = false;
  scroller.addEventListener('scroll', function () {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(function () {
      ticking = false;
      if (atBottom()) {
        if (jump) jump.hidden = true;
        markSeen();
      }
    });
  });
  document.addEventListener('visibilitychange', markSeen);
  if (jump) {
    jump.addEventListener('click', function () {
      toBottom();
      markSeen();
      scroller.focus({ preventScroll: true });
    });
  }

  if (form) {
    form.addEventListener('submit', function (event) {
      if (!socket || socket.readyState !== WebSocket.OPEN || !canSend) return;
      event.preventDefault();
      var nonce = 'n' + (++counter);
      pending[nonce] = box.value;
      socket.send(JSON.stringify({ type: 'send', body: box.value, nonce: nonce }));
    });
  }

  if (older) {
    older.addEventListener('click', function (event) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      var first = log.querySelector('[data-id]');
      if (!first) return;
      event.preventDefault();
      socket.send(JSON.stringify({ type: 'history', before: Number(first.getAttribute('data-id')) }));
    });
  }

  connect();
})();
