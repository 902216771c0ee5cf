// Reprints a bundle for a cheaper start: without comments and layout, and in ASCII only.
// Node decodes a module's bytes before V8 compiles them, and both are faster on pure ASCII: the
// decoder takes its fast path, and V8 keeps the source as a one-byte string (a single character
// above U+00FF, like the `→` in a rendered message, makes the whole 3 MB source two bytes per
// character). Comments and indentation are bytes the parser scans for nothing. Together this is
// about a sixth of the CPU time dist/cli.js took to load (docs/decisions.md).
// Nothing is renamed or rewritten (terser with compress and mangle off): function and class names
// stay as written (cel-js and zod put `constructor.name` in messages), and so do internal error
// messages. Non-ASCII characters in strings, templates, regular expressions and identifiers
// become escapes with the same meaning; a tagged template's raw text cannot be escaped, so one
// with non-ASCII text fails the build here instead of slowing every start unnoticed.
import { minify } from 'terser'

// Any UTF-16 unit above U+007F (an astral character is escaped as its two surrogates).
const NON_ASCII = /[\u0080-\uffff]/g
const escape = (text) => text.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

// Licence comments (those terser keeps by default: `/*!`, @license, @preserve, @copyright) stay,
// their non-ASCII letters written as \u escapes (`J\u00e4rting`); terser prints a kept comment's
// text as this filter leaves it.
function keepLicence(_node, comment) {
  if (!/^\**!|@preserve|@copyright|@lic|@cc_on/i.test(comment.value)) return false
  comment.value = escape(comment.value)
  return true
}

/** The bundle `code` (an ES module) reprinted compact and ASCII-only. `name` is for errors. */
export async function compactBundle(code, name) {
  const result = await minify(code, {
    module: true,
    compress: false,
    mangle: false,
    format: { ascii_only: true, comments: keepLicence }
  })
  const compact = result.code
  const at = compact.search(NON_ASCII)
  if (at >= 0)
    throw new Error(`build: ${name} is not ASCII after compaction, near ${JSON.stringify(compact.slice(Math.max(0, at - 60), at + 20))}`)
  return compact
}
