// Chat rooms: connects the room page to its WebSocket, adds messages as
// they arrive (each id once), removes deleted ones, shows who is here, and
// sends the form over the socket. Without JavaScript, or while the socket
// is down, the form posts and the links page as plain HTML.
(function () {
  'use strict';
  var root = document.querySelector('[data-chat]');
  if (!root || !('WebSocket' in window)) return;
  var log = root.querySelector('[data-chat-log]');
  var presence = root.querySelector('[data-chat-presence]');
  var status = root.querySelector('[data-chat-status]');
  var form = root.querySelector('[data-chat-form]');
  var errorBox = root.querySelector('[data-chat-error]');
  var older = root.querySelector('[data-chat-older]');
  // Only the latest page follows the room live.
  if (!root.hasAttribute('data-after')) return;
  var lastId = Number(root.getAttribute('data-after')) || 0;
  var shown = {};
  Array.prototype.forEach.call(log.querySelectorAll('[data-id]'), function (li) {
    shown[li.getAttribute('data-id')] = true;
  });
  var socket = null;
  var canSend = false;
  var delay = 1000;
  var pending = {};
  var counter = 0;

  function item(m) {
    var li = document.createElement('li');
    li.className = 'chat-message';
    li.id = 'm' + m.id;
    li.setAttribute('data-id', String(m.id));
    var author = document.createElement('span');
    author.className = 'chat-author';
    author.textContent = m.author;
    var time = document.createElement('time');
    time.setAttribute('datetime', m.datetime);
    time.textContent = m.time;
    var body = document.createElement('p');
    body.className = 'chat-body';
    body.style.whiteSpace = 'pre-wrap';
    body.textContent = m.body;
    li.appendChild(author);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(time);
    li.appendChild(body);
    return li;
  }

  // Adds a message in id order; a message already shown is skipped.
  function add(m) {
    var key = String(m.id);
    if (shown[key]) return;
    shown[key] = true;
    var li = item(m);
    var next = null;
    var items = log.querySelectorAll('[data-id]');
    for (var i = items.length - 1; i >= 0; i--) {
      if (Number(items[i].getAttribute('data-id')) < m.id) break;
      next = items[i];
    }
    log.insertBefore(li, next);
    if (m.id > lastId) lastId = m.id;
    var empty = root.querySelector('[data-chat-empty]');
    if (empty) empty.remove();
  }

  function showError(text) {
    if (!errorBox) return;
    errorBox.textContent = text || '';
    errorBox.hidden = !text;
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var url = scheme + location.host + root.getAttribute('data-socket') + '?after=' + lastId;
    socket = new WebSocket(url);
    socket.onopen = function () {
      delay = 1000;
      status.textContent = root.getAttribute('data-text-live');
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      switch (frame.type) {
        case 'ready':
          canSend = frame.can_send;
          presence.textContent = frame.label;
          break;
        case 'message':
          add(frame);
          break;
        case 'deleted':
          var gone = document.getElementById('m' + frame.id);
          if (gone) gone.remove();
          break;
        case 'presence':
          presence.textContent = frame.label;
          presence.setAttribute('data-count', String(frame.count));
          break;
        case 'history':
          frame.messages.forEach(add);
          if (older && (!frame.more || !frame.messages.length)) older.remove();
          else if (older) older.setAttribute('href', '?before=' + frame.messages[0].id);
          break;
        case 'sent':
          if (frame.nonce && pending[frame.nonce] !== undefined && form) {
            var box = form.querySelector('textarea');
            if (box.value === pending[frame.nonce]) box.value = '';
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
    socket.onclose = function () {
      socket = null;
      canSend = false;
      status.textContent = root.getAttribute('data-text-offline');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    };
  }

  if (form) {
    form.addEventListener('submit', function (event) {
      if (!socket || socket.readyState !== WebSocket.OPEN || !canSend) return;
      event.preventDefault();
      var box = form.querySelector('textarea');
      var nonce = 'n' + (++counter);
      pending[nonce] = box.value;
      socket.send(JSON.stringify({ type: 'send', body: box.value, nonce: nonce }));
    });
    form.querySelector('textarea').addEventListener('keydown', function (event) {
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
