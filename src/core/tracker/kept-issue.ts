// One issue per key, kept by scheduled runs (the intelligence issue of a model): found by the marker
// `<!-- threatloop:<kind>:<key> -->` among the issues our own identity filed, then created, rewritten
// when its content changed, left alone when it did not, and closed when nothing remains (pure).

/** Characters a marker kind or key may use (anything else is replaced before it is written). */
const KEY_CHARS = /[^A-Za-z0-9._:/-]/g
const MAX_KEY = 200

/** A marker key reduced to the characters a marker may carry. */
export function keptIssueKey(key: string): string {
  return key.replace(KEY_CHARS, '_').slice(0, MAX_KEY)
}

export function keptIssueMarker(kind: string, key: string): string {
  return `<!-- threatloop:${keptIssueKey(kind)}:${keptIssueKey(key)} -->`
}

/** The key a body's marker of this kind names, if any. */
export function keptIssueKeyOf(kind: string, body: string): string | undefined {
  const escaped = keptIssueKey(kind).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(`<!-- threatloop:${escaped}:([A-Za-z0-9._:/-]{1,${MAX_KEY}}) -->`).exec(body)?.[1]
}

/** One of our issues of the key, as listed. */
export interface KeptIssueState {
  number: number
  state: 'open' | 'closed'
  title: string
  body: string
}

export interface KeptIssueWish {
  title: string
  /** The wanted body; null when nothing remains for the key. */
  body: string | null
  closeComment: string
  /** Whether the current body already says what the wanted one says (default: the same text). */
  sameContent?: (current: string, wanted: string) => boolean
}

export type KeptIssueOperation =
  | { op: 'create'; title: string; body: string }
  | { op: 'update'; number: number; title?: string; body: string; reopen: boolean }
  | { op: 'close'; number: number; comment: string; duplicate: boolean }

export interface KeptIssuePlan {
  operations: KeptIssueOperation[]
  /** The issue that stays (or is kept) for the key; undefined when none is open or to be opened. */
  kept?: number
  /** True when the kept issue already says what it should (no write). */
  unchanged: boolean
}

/**
 * What to do with our issues of one key. The lowest-numbered open issue is kept (else the latest
 * closed one, reopened when content returns); other open ones are duplicates of a race and closed.
 */
export function planKeptIssue(wish: KeptIssueWish, ours: readonly KeptIssueState[]): KeptIssuePlan {
  const open = ours.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number)
  const closed = ours.filter((i) => i.state === 'closed').sort((a, b) => b.number - a.number)
  const operations: KeptIssueOperation[] = []
  if (wish.body === null) {
    for (const issue of open) operations.push({ op: 'close', number: issue.number, comment: wish.closeComment, duplicate: false })
    return { operations, unchanged: open.length === 0 }
  }
  const same = wish.sameContent ?? ((a: string, b: string) => a === b)
  const keep = open[0] ?? closed[0]
  let unchanged = false
  if (!keep) operations.push({ op: 'create', title: wish.title, body: wish.body })
  else if (keep.state === 'open' && same(keep.body, wish.body) && keep.title === wish.title) unchanged = true
  else
    operations.push({
      op: 'update',
      number: keep.number,
      ...(keep.title !== wish.title ? { title: wish.title } : {}),
      body: wish.body,
      reopen: keep.state === 'closed'
    })
  for (const extra of open.slice(1))
    operations.push({
      op: 'close',
      number: extra.number,
      comment: `Threatloop closes this duplicate of #${keep?.number ?? extra.number}.`,
      duplicate: true
    })
  return { operations, kept: keep?.number, unchanged }
}
