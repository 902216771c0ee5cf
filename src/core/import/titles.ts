import { shortText } from './conversion.js'

/** Words that end with a full stop without ending a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|incl|approx|esp|resp|no|fig|dr|mr|mrs|ms|st|inc|ltd|co|jr|sr|[A-Za-z])\.$/i

/**
 * A title for an element the source only describes in prose (a Threat Dragon mitigation, a
 * Threat Composer statement): the first line when it is short, else its first whole sentence,
 * else the whole first line. Never a cut inside a sentence ("(e.g." is not a sentence end), and
 * never a cut inside brackets; the full text stays in the description.
 */
export function titleFromText(value: string, preferred = 200): string {
  const line =
    value
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? value.trim()
  if (line.length <= preferred) return line
  let depth = 0
  for (let i = 0; i < line.length && i < preferred; i++) {
    const c = line[i]
    if (c === '(' || c === '[') depth++
    else if ((c === ')' || c === ']') && depth > 0) depth--
    else if (depth === 0 && (c === '.' || c === '!' || c === '?') && /\s/.test(line[i + 1] ?? '')) {
      const head = line.slice(0, i + 1)
      if (c === '.' && (ABBREVIATION.test(head) || /\d\.$/.test(head))) continue
      return head
    }
  }
  return shortText(line)!
}
