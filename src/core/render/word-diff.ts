import { diffWords } from 'diff'
import { escapeInline } from './escape.js'

/** Texts longer than this are not word-diffed (the work a model can drive stays bounded). */
const MAX_TEXT = 4000
/** Words of unchanged context kept on each side of a change. */
const CONTEXT_WORDS = 3
const MAX_HUNKS = 3

/**
 * A text edit as a word diff in inline Markdown: removed words struck through, added words in
 * bold, a few words of context around each change (`the ~~aquirer~~ **acquirer**.`). Model text is
 * escaped; at most three changes are shown.
 */
export function wordDiff(before: string, after: string): string {
  if (before.length > MAX_TEXT || after.length > MAX_TEXT)
    return `${escapeInline(before, 40)} → ${escapeInline(after, 40)} (long text edited)`
  const parts = diffWords(before, after)
  const out: string[] = []
  const words = (text: string): string => escapeInline(text, 300)
  /** Keeps a part's own leading and trailing space, so punctuation stays attached. */
  const spaced = (value: string, core: string): string => `${/^\s/.test(value) ? ' ' : ''}${core}${/\s$/.test(value) ? ' ' : ''}`
  let hunks = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (!part.added && !part.removed) {
      const list = part.value.trim().split(/\s+/).filter(Boolean)
      if (list.length === 0) {
        out.push(part.value.length > 0 ? ' ' : '')
        continue
      }
      const first = i === 0
      const last = i === parts.length - 1
      let core: string
      if (first) core = `${list.length > CONTEXT_WORDS ? '… ' : ''}${words(list.slice(-CONTEXT_WORDS).join(' '))}`
      else if (last) core = `${words(list.slice(0, CONTEXT_WORDS).join(' '))}${list.length > CONTEXT_WORDS ? ' …' : ''}`
      else if (list.length <= 2 * CONTEXT_WORDS) core = words(list.join(' '))
      else core = `${words(list.slice(0, CONTEXT_WORDS).join(' '))} … ${words(list.slice(-CONTEXT_WORDS).join(' '))}`
      out.push(spaced(part.value, core))
      continue
    }
    const startsHunk = i === 0 || (!parts[i - 1].added && !parts[i - 1].removed)
    if (startsHunk && ++hunks > MAX_HUNKS) {
      out.push(' …')
      break
    }
    const text = words(part.value.trim())
    if (text === '') continue
    // A removal followed directly by its replacement gets a space between the two marks.
    const gap = part.added && i > 0 && parts[i - 1].removed ? ' ' : ''
    out.push(gap + spaced(part.value, part.removed ? `~~${text}~~` : `**${text}**`))
  }
  return out.join('').replace(/ {2,}/g, ' ').trim()
}
