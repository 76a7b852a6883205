// A loopback SMTP server for the browser checks: it keeps every message
// the site sends, decoded, so a check can follow a mailed link or read
// what a mail says. Shared by browser-comments.mjs, browser-firstrun.mjs
// and browser-xss.mjs.
//
//   const mail = await startSmtpSink(port);
//   const m = await mail.waitFor(address, 'what the check expects', (m) => m.links.length > 0);
//   m.subject, m.text (every text part), m.links, m.parts ([{ type, text }]), m.headers
//   mail.inbox (every message so far), mail.close()
import net from 'node:net';

// `=XX` escapes as UTF-8 bytes, soft line breaks removed.
function decodeQuotedPrintable(text) {
  const bytes = [];
  const raw = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(raw[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header.
function decodeHeader(value) {
  return value.replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=\s*/g, (_, kind, text) => (kind.toLowerCase() === 'b'
    ? Buffer.from(text, 'base64').toString('utf8')
    : decodeQuotedPrintable(text.replace(/_/g, ' '))));
}

function splitMessage(raw) {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

// Every leaf part as { type, text } (multipart/alternative from lettre).
function leafParts(headers, body) {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '');
  if (!boundary) {
    const type = (headers['content-type'] || 'text/plain').split(';')[0].trim().toLowerCase();
    return [{ type, text: decodeBody(headers, body) }];
  }
  return body.split(`--${boundary[1]}`).slice(1)
    .filter((part) => !part.startsWith('--'))
    .flatMap((part) => {
      const inner = splitMessage(part.replace(/^\r\n/, ''));
      return leafParts(inner.headers, inner.body);
    });
}

// Isolation marks (U+2068, U+2069) that Fluent puts around arguments are
// dropped from the text and subject, as a reader never sees them.
function parseMail(raw, envelopeTo) {
  const { headers, body } = splitMessage(raw);
  const parts = leafParts(headers, body);
  const text = parts.map((p) => p.text).join('\n').replace(/[\u2068\u2069]/g, '');
  return {
    to: envelopeTo,
    headers,
    parts,
    subject: decodeHeader(headers.subject || '').replace(/[\u2068\u2069]/g, ''),
    text,
    links: [...new Set(text.match(/https?:\/\/[^\s"'<>]+/g) || [])].map((l) => l.replace(/&amp;/g, '&')),
  };
}

// Listens on 127.0.0.1:`port`; `wait` is how long `waitFor` looks (ms).
export async function startSmtpSink(port, { wait = 20_000 } = {}) {
  const inbox = [];
  const connections = new Set();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let to = [];
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 dateline-ci ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          const bare = buffer.startsWith('.\r\n') ? 0 : -1;
          if (end < 0 && bare < 0) return;
          const raw = bare === 0 ? '' : buffer.slice(0, end);
          buffer = buffer.slice(bare === 0 ? 3 : end + 5);
          const unstuffed = Buffer.from(raw.replace(/^\.\./gm, '.'), 'latin1').toString('utf8');
          for (const rcpt of to) inbox.push(parseMail(unstuffed, rcpt));
          inData = false;
          to = [];
          say('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 dateline-ci');
        else if (verb === 'MAIL') { to = []; say('250 2.1.0 ok'); }
        else if (verb === 'RCPT') {
          to.push((/<([^>]*)>/.exec(line) || [])[1] || '');
          say('250 2.1.5 ok');
        } else if (verb === 'DATA') { inData = true; say('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'RSET') { to = []; say('250 2.0.0 ok'); }
        else if (verb === 'NOOP') say('250 2.0.0 ok');
        else if (verb === 'QUIT') { say('221 2.0.0 bye'); socket.end(); return; }
        else say('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    inbox,
    // The first mail to `address` that `test` accepts, within `wait`.
    async waitFor(address, what, test = () => true) {
      const until = Date.now() + wait;
      while (Date.now() < until) {
        const found = inbox.find((m) => m.to.toLowerCase() === address.toLowerCase() && test(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seen = inbox.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'none';
      throw new Error(`check failed: ${what} (no such mail to ${address} within ${wait} ms; mail seen: ${seen})`);
    },
    // The site keeps its SMTP connection open for the next mail.
    close() {
      server.close();
      connections.forEach((socket) => socket.destroy());
    },
  };
}
