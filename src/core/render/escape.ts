/**
 * Neutralising untrusted text (anything that comes from a model file) before it reaches Markdown
 * on GitHub or GitLab: no raw HTML, no mentions, references (`#1`, `GH-1`) or live URLs that notify
 * people or link issues, no breaking out of tables, code spans or <details>, no GitLab quick actions.
 */

const ZERO_WIDTH_SPACE = '\u200b'

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Characters that carry Markdown meaning inside a line, escaped with a backslash: emphasis, code,
 * links and images (`[` is enough to break both), tables, strikethrough and math. Characters
 * that only matter at the start of a line are handled where text can start one.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]|~$]/g

/** Markers that start a block (heading, list, quote, rule, table) when they open a line. */
const LINE_START_BLOCK = /^(#|[-+*>=]|\d+[.)])/

/** Control characters (except tab/newline) and bidi overrides that could hide or reorder text. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g

/**
 * Sigils that GitHub or GitLab turn into mentions or references when followed by a name or
 * number: @user, #123, !123 (merge request), ~label, %milestone, &epic, $snippet, [[wiki]].
 */
const REFERENCE_SIGIL = /([@~%](?=[\p{L}\p{N}_"'])|[#!&$](?=\p{N}))/gu

/** GitHub's `GH-123` issue references. */
const GH_REFERENCE = /\b(GH-)(?=\p{N})/giu
/**
 * URLs the platforms turn into links on their own (GitHub's extended autolinks, GitLab's URL
 * filter, and `<https://…>` autolinks once the brackets are entities): a link to an issue or merge
 * request would cross-reference it. The scheme's `://` and a leading `www.` are broken; the text
 * stays readable and copyable by hand.
 */
const URL_SCHEME = /([\p{L}\p{N}+.-]):(?=\/\/)/gu
const WWW_HOST = /\b(www)\./giu

function breakReferences(text: string): string {
  return text
    .replace(REFERENCE_SIGIL, `$1${ZERO_WIDTH_SPACE}`)
    .replace(GH_REFERENCE, `$1${ZERO_WIDTH_SPACE}`)
    .replace(URL_SCHEME, `$1:${ZERO_WIDTH_SPACE}`)
    .replace(WWW_HOST, `$1${ZERO_WIDTH_SPACE}.`)
}

/** Escapes untrusted text for inline Markdown (one line; newlines become spaces). */
export function escapeInline(text: string, maxLength = 500): string {
  let value = String(text)
    .replace(INVISIBLE, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
  if (value.length > maxLength) value = `${value.slice(0, maxLength - 1)}…`
  // References are broken on the raw text; the entities added next must not be touched again.
  value = breakReferences(value)
  value = value.replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
  return value.replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
}

/** Escapes untrusted text for a table cell: inline escaping, and pipes can never end the cell. */
export function escapeTableCell(text: string, maxLength = 200): string {
  return escapeInline(text, maxLength)
}

/**
 * Escapes untrusted multi-line text as a paragraph block: each line escaped inline, line
 * breaks kept, and no line can start a GitLab quick action (`/close`) or a Markdown block.
 */
export function escapeBlock(text: string, maxLength = 4000): string {
  const limited = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text
  return limited
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const escaped = escapeInline(line, maxLength).replace(LINE_START_BLOCK, (marker) =>
        /\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`
      )
      // An escaped line never starts with `/`: quick actions only run on lines that do.
      return escaped.startsWith('/') ? `${ZERO_WIDTH_SPACE}${escaped}` : escaped
    })
    .join('  \n')
}

/**
 * Escapes text for a code span: the fence is longer than any backtick run inside, so the span
 * cannot be closed early; HTML is inert inside code spans already.
 */
export function codeSpan(text: string, maxLength = 200): string {
  let value = String(text)
    .replace(INVISIBLE, '')
    .replace(/[\r\n]+/g, ' ')
  if (value.length > maxLength) value = `${value.slice(0, maxLength - 1)}…`
  // `|` would still split a table row on GitHub even inside a code span.
  value = value.replace(/\|/g, '¦')
  let longest = 0
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : ''
  return `${fence}${pad}${value}${pad}${fence}`
}

/** Escapes text for a Mermaid label inside double quotes. */
export function escapeMermaidLabel(text: string, maxLength = 60): string {
  let value = String(text)
    .replace(INVISIBLE, '')
    .replace(/[\r\n]+/g, ' ')
  if (value.length > maxLength) value = `${value.slice(0, maxLength - 1)}…`
  return value.replace(/[&<>"#;`|[\](){}]/g, (c) => `#${c.charCodeAt(0)};`)
}

/** A Mermaid-safe node id derived from an element id (letters, digits, underscore). */
export function mermaidId(prefix: string, id: string): string {
  let out = ''
  for (const ch of id) out += /[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`
  return `${prefix}_${out}`
}
