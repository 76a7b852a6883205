// The XSS payload corpus of browser-xss.mjs, written for Dateline (no
// third-party list). Each payload is a function of a marker `m` (letters
// and digits, unique per payload and field): a payload that could run
// calls `__xss('m')`, and every element or attribute it could inject
// carries `data-xss="m"`, so that the check can say which payload in which
// field got through on which page even where the Content-Security-Policy
// stops it from running. The marker also appears as plain text, so the
// check can see that a page really shows the field.
//
// kinds: `element` (markup that would make elements), `attribute` (breaks
// out of an attribute value), `url` (for fields that are links), `markup`
// (syntax a renderer might interpret: the editor's markup, Markdown,
// templates, Fluent), `script` (breaks out of a script or XML section),
// `style`, `unicode` (text that must come out as typed), `control` (NUL
// and control characters: must be refused, never a 500), `long` (made at
// each field's cap, see `longText`).

export const PAYLOADS = [
  // Elements.
  { key: 'script', kind: 'element', make: (m) => `<script data-xss="${m}">__xss('${m}')</script>` },
  { key: 'img-onerror', kind: 'element', make: (m) => `<img src=x data-xss="${m}" onerror="__xss('${m}')">` },
  { key: 'svg-onload', kind: 'element', make: (m) => `<svg data-xss="${m}" onload="__xss('${m}')"></svg>` },
  { key: 'iframe-srcdoc', kind: 'element', make: (m) => `<iframe data-xss="${m}" srcdoc="<script>parent.__xss('${m}')</script>"></iframe>` },
  { key: 'details-toggle', kind: 'element', make: (m) => `<details open data-xss="${m}" ontoggle="__xss('${m}')">${m}</details>` },
  { key: 'textarea-close', kind: 'element', make: (m) => `</textarea><img src=x data-xss="${m}" onerror="__xss('${m}')">` },
  { key: 'title-close', kind: 'element', make: (m) => `</title></option></select><img src=x data-xss="${m}" onerror="__xss('${m}')">` },
  { key: 'noscript-mxss', kind: 'element', make: (m) => `<noscript><p title="</noscript><img src=x data-xss=${m} onerror=__xss('${m}')>">` },
  { key: 'comment-close', kind: 'element', make: (m) => `--><img src=x data-xss=${m} onerror=__xss('${m}')><!--` },
  { key: 'math-mxss', kind: 'element', make: (m) => `<math><mtext><table><mglyph><style><img src=x data-xss=${m} onerror=__xss('${m}')>` },
  { key: 'formaction', kind: 'element', make: (m) => `<form><button data-xss=${m} formaction=javascript:__xss('${m}')>${m}</button></form>` },
  { key: 'base-meta', kind: 'element', make: (m) => `<base href=//xss.test/><meta data-xss=${m} http-equiv=refresh content="0;url=javascript:__xss('${m}')">` },

  // Attribute breakouts.
  { key: 'attr-double', kind: 'attribute', make: (m) => `" data-xss="${m}" autofocus onfocus="__xss('${m}')" x="` },
  { key: 'attr-single', kind: 'attribute', make: (m) => `' data-xss='${m}' autofocus onfocus='__xss("${m}")' x='` },
  { key: 'attr-backtick', kind: 'attribute', make: (m) => `\` data-xss=${m} onmouseover=__xss('${m}') \`` },
  { key: 'attr-unquoted', kind: 'attribute', make: (m) => `x data-xss=${m} onfocus=__xss('${m}') autofocus` },
  { key: 'entities', kind: 'attribute', make: (m) => `&quot;&gt;&lt;img src=x data-xss=${m} onerror=__xss('${m}')&gt; &#34;&#x3C;b data-xss=${m}&#62;` },
  { key: 'percent', kind: 'attribute', make: (m) => `%22%3E%3Cimg%20src%3Dx%20data-xss%3D${m}%20onerror%3D__xss('${m}')%3E` },

  // Addresses, for fields that are links (elsewhere they are just text).
  { key: 'js-url', kind: 'url', make: (m) => `javascript:__xss('${m}')` },
  { key: 'js-url-mixed', kind: 'url', make: (m) => `JaVaScRiPt:__xss('${m}')//https://example.org/` },
  { key: 'data-url', kind: 'url', make: (m) => `data:text/html,<script data-xss=${m}>__xss('${m}')</script>` },
  { key: 'url-dq-breakout', kind: 'url', make: (m) => `https://xss.test/"><img/src=x/data-xss=${m}/onerror=__xss('${m}')>` },
  { key: 'url-sq-breakout', kind: 'url', make: (m) => `https://xss.test/?'onmouseover='__xss(1)'data-xss='${m}` },
  { key: 'url-backslash', kind: 'url', make: (m) => `/\\evil.xss.test/${m}` },

  // Syntax a renderer might interpret.
  { key: 'markup-js-link', kind: 'markup', make: (m) => `[click ${m}](javascript:__xss('${m}'))` },
  { key: 'markup-backslash-link', kind: 'markup', make: (m) => `[away ${m}](/\\evil.xss.test/${m}) [x](/\\\\evil.xss.test/${m})` },
  { key: 'markup-link-quote', kind: 'markup', make: (m) => `[open ${m}](https://xss.test/"onmouseover="__xss('${m}'))` },
  { key: 'markup-nesting', kind: 'markup', make: (m) => `**bold *ital **${m}** x* y** \\*not\\* [a\\](b) ***` },
  { key: 'markdown-image-title', kind: 'markup', make: (m) => `![${m}](x" onerror="__xss('${m}')) [t](https://xss.test "t\\" data-xss=\\"${m}")` },
  { key: 'markdown-autolink', kind: 'markup', make: (m) => `<https://xss.test/"data-xss="${m}> <javascript:__xss('${m}')>` },
  { key: 'template', kind: 'markup', make: (m) => `{{ 12345*11 }} {% raw %}{{ ${m} }}{% endraw %} {# ${m} #}` },
  { key: 'fluent', kind: 'markup', make: (m) => `{ $${m} } { -brand-name } { NUMBER(271828, minimumFractionDigits: 3) }` },

  // Script and XML sections.
  { key: 'script-close', kind: 'script', make: (m) => `</script><script data-xss="${m}">__xss('${m}')</script>` },
  { key: 'script-comment', kind: 'script', make: (m) => `<!--<script>${m} \u2028\u2029` },
  { key: 'cdata-close', kind: 'script', make: (m) => `]]><x data-xss="${m}"/><![CDATA[ ${m}` },

  // Style.
  { key: 'style-close', kind: 'style', make: (m) => `</style><style data-xss="${m}">*{background:url(//xss.test/${m})}</style>` },
  { key: 'style-overlay', kind: 'style', make: (m) => `<div data-xss="${m}" style="position:fixed;inset:0;background:red">${m}</div>` },

  // Unicode that must come out exactly as typed.
  { key: 'bidi-zero-width', kind: 'unicode', make: (m) => `\u202Egnp.${m}\u202C \u200B\u200D\u2066x\u2069\uFEFF` },
  { key: 'fullwidth', kind: 'unicode', make: (m) => `\uFF1Cimg src=x data-xss=${m} onerror=__xss('${m}')\uFF1E` },
  { key: 'case-fold', kind: 'unicode', make: (m) => `<\u017Fcript data-xss=${m}>__xss('${m}')</\u017Fcript> \u0130MG` },
  { key: 'escaped-looking', kind: 'unicode', make: (m) => `\\u003cimg src=x data-xss=${m} onerror=__xss('${m}')\\u003e` },
  { key: 'emoji-combining', kind: 'unicode', make: (m) => `\u{1F469}\u200D\u{1F469}\u200D\u{1F467} Z\u0338\u0322\u031B\u0317 ${m} \uFDFD` },

  // Control characters: refused, never stored, never a 500.
  { key: 'nul', kind: 'control', make: (m) => `${m}\u0000<b data-xss="${m}">` },
  { key: 'c0', kind: 'control', make: (m) => `${m}\u0001\u0008\u000B\u000C\u001B[31m\u001F` },
  { key: 'del-c1', kind: 'control', make: (m) => `${m}\u007F\u0085\u009B` },
  { key: 'nonchar', kind: 'control', make: (m) => `${m}\uFFFE\uFFFF` },

  // As long as the field allows, ending in an element; and one character more.
  { key: 'long', kind: 'long', make: (m, cap) => longText(m, cap) },
  { key: 'too-long', kind: 'long', make: (m, cap) => `${longText(m, cap)}x`, refused: true },
];

// A text of exactly `cap` characters (Unicode scalar values) ending in an
// injected element, with the marker at its start.
export function longText(m, cap) {
  const tail = `<b data-xss="${m}">`;
  return `${m} ${'ж'.repeat(Math.max(0, cap - m.length - 1 - tail.length))}${tail}`;
}

// Strings the page must never show: what a template engine or Fluent would
// make of the `template` and `fluent` payloads.
export const EVALUATED = ['135795', '271,828.000', '271828.000'];
