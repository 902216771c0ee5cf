import { sanitizeLogText } from './render/log-text.js'
/** How bad a problem is: errors make a model invalid, warnings do not. */
export type ProblemSeverity = 'error' | 'warning'

/** One precise, user-facing problem with a file: where it is and what was expected. */
export interface Problem {
  /** Repository-relative path of the file the problem is in. */
  file: string
  /** 1-based line. */
  line: number
  /** 1-based column. */
  column: number
  /** Path inside the document, e.g. `threats[2].likelihood`; empty for the whole file. */
  path: string
  severity: ProblemSeverity
  /** Stable machine code, e.g. `schema/unknown-key`, `reference/unknown-zone`. */
  code: string
  message: string
  /** Id of the model element the problem belongs to, when there is one. */
  elementId?: string
}

/** A YAML path (keys and array indexes) as used by the loader and the source map. */
export type DocumentPath = readonly (string | number)[]

/** Formats a document path the way users read it: `threats[2].references.cwe[0]`. */
export function formatDocumentPath(path: DocumentPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out === '' ? part : `.${part}`
    else out += `[${JSON.stringify(part)}]`
  }
  return out
}

/** Orders problems by file, line, column, then message, so output is stable. */
export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  if (a.line !== b.line) return a.line - b.line
  if (a.column !== b.column) return a.column - b.column
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0
}

/** Compiler-style line for a log or terminal: `path:line:col: error: message (yaml.path)`, sanitised. */
export function formatProblem(problem: Problem): string {
  const where = problem.path ? ` (${problem.path})` : ''
  return sanitizeLogText(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}${where}`)
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  const previous = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost)
      diagonal = above
    }
  }
  return previous[b.length]
}

/** The closest candidate to `word`, if it is close enough to be a plausible typo. */
export function suggestClosest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  const lower = word.toLowerCase()
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined) return undefined
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3))
  return bestDistance <= limit ? best : undefined
}

/** Formats a list of allowed values for a message: `a, b or c`. */
export function formatChoices(values: readonly (string | number | boolean | null)[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)))
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`
}
