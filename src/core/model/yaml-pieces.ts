import { constructFromEvents, EVENT_ID, parseEvents, SCALAR_STYLE, type Event, type Schema } from 'js-yaml'

/**
 * A large model file read in pieces of about this many characters. Read whole, its parser events
 * (a hundred-odd bytes each, hundreds of thousands of them) all outlive the young generation and
 * fill the old one with garbage that no full collection reclaims before the review's peak; read
 * in pieces, each piece's events die young.
 */
export const PIECE_CHARS = 16 * 1024

/** Files smaller than this are read whole. */
export const PIECES_FROM_CHARS = 256 * 1024

/** Takes events in the compact form the source map keeps: type | style << 3 | chomping << 6 | fast << 8, start, end, indent. */
export interface CompactSink {
  push(head: number, start: number, end: number, indent: number): void
}

/** Writes one event of a piece, its offsets moved by `shift` to the whole text's. */
function emit(sink: CompactSink, event: Event, shift: number): void {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      sink.push(
        event.type | (event.style << 3) | ((event.chomping ?? 0) << 6) | (event.fast ? 1 << 8 : 0),
        event.valueStart < 0 ? event.valueStart : event.valueStart + shift,
        event.valueEnd < 0 ? event.valueEnd : event.valueEnd + shift,
        event.indent ?? 0
      )
      break
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      sink.push(event.type | (event.style << 3), event.start + shift, 0, 0)
      break
    default:
      sink.push(event.type, 0, 0, 0)
  }
}

interface Piece {
  start: number
  end: number
  /** `mapping`: top-level entries; `items`: items of the block sequence that is the value of `key`. */
  kind: 'mapping' | 'items'
  key?: string
  /** The first piece of a split sequence opens it; the last closes it. */
  first?: boolean
  last?: boolean
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?:([ \t]*(?:#.*)?)|[ \t]+\S.*)$/

/**
 * Cuts a native model into pieces that parse on their own exactly as they parse in place: runs
 * of top-level entries, and groups of items of a long top-level block sequence. Undefined when
 * the text is not a plain block mapping at column 0 whose keys and items are all recognised
 * (the caller then reads the file whole).
 */
function cutPieces(text: string, pieceChars: number): Piece[] | undefined {
  // Lone carriage returns (old Mac line breaks): read whole.
  if (/\r(?!\n)/.test(text)) return undefined
  const pieces: Piece[] = []
  const keys = new Set<string>()
  let pieceStart = 0
  // The sequence being split: its key, its items' indentation, where the current group starts.
  let split: { key: string; indent: number; groupStart: number; first: boolean } | undefined
  // A key line with nothing after the colon, whose sequence may be split.
  let pending: { key: string; lineStart: number } | undefined
  let sawKey = false
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd < 0) lineEnd = text.length
    const next = lineEnd + 1
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
    let indent = 0
    while (lineStart + indent < contentEnd && text.charCodeAt(lineStart + indent) === 32) indent++
    const first = lineStart + indent < contentEnd ? text.charCodeAt(lineStart + indent) : -1
    // Blank and comment lines belong to whatever surrounds them.
    if (first === -1 || first === 35 /* # */) {
      lineStart = next
      continue
    }
    // A line indented with a tab: read whole.
    if (first === 9) return undefined
    const item = first === 45 /* - */ && (lineStart + indent + 1 === contentEnd || text.charCodeAt(lineStart + indent + 1) === 32)
    if (pending && item) {
      // The first item of a block sequence that is the value of `pending.key`.
      pieces.push({ start: pieceStart, end: lineStart, kind: 'mapping' })
      split = { key: pending.key, indent, groupStart: lineStart, first: true }
      pending = undefined
      lineStart = next
      continue
    }
    pending = undefined
    if (split) {
      if (indent === split.indent && item) {
        if (lineStart - split.groupStart >= pieceChars) {
          pieces.push({ start: split.groupStart, end: lineStart, kind: 'items', key: split.key, first: split.first })
          split.groupStart = lineStart
          split.first = false
        }
        lineStart = next
        continue
      }
      if (indent > split.indent) {
        lineStart = next
        continue
      }
      if (indent !== 0) return undefined
      // The sequence ends at the next top-level key.
      pieces.push({ start: split.groupStart, end: lineStart, kind: 'items', key: split.key, first: split.first, last: true })
      split = undefined
      pieceStart = lineStart
    }
    if (indent > 0) {
      if (!sawKey) return undefined
      lineStart = next
      continue
    }
    const match = TOP_KEY.exec(text.slice(lineStart, contentEnd))
    if (!match || match[1] === '__proto__' || keys.has(match[1])) return undefined
    keys.add(match[1])
    sawKey = true
    if (match[2] !== undefined) pending = { key: match[1], lineStart }
    lineStart = next
  }
  if (split) pieces.push({ start: split.groupStart, end: text.length, kind: 'items', key: split.key, first: split.first, last: true })
  else pieces.push({ start: pieceStart, end: text.length, kind: 'mapping' })
  // Consecutive mapping pieces (no long sequence between them) are one.
  const merged: Piece[] = []
  for (const piece of pieces) {
    const previous = merged[merged.length - 1]
    if (previous?.kind === 'mapping' && piece.kind === 'mapping' && previous.end === piece.start) previous.end = piece.end
    else if (piece.end > piece.start || piece.kind === 'items') merged.push(piece)
  }
  // Many small pieces (a hostile file of thousands of one-item sequences) would each pay a parser's set-up.
  if (merged.length > 64 + 2 * Math.ceil(text.length / pieceChars)) return undefined
  return merged.some((piece) => piece.kind === 'items') ? merged : undefined
}

function isNode(event: Event): boolean {
  return (
    event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.ALIAS
  )
}

/**
 * Parses a native model in pieces (see PIECE_CHARS): the value, and its events pushed to `sink`
 * in compact form, exactly as reading the whole text gives them. Undefined when the text cannot
 * be cut, or a piece does not parse, or holds anything a piece cannot resolve on its own
 * (anchors, aliases, tags, merge keys): the caller reads the file whole, which also gives the
 * exact errors.
 */
export function parseInPieces(
  file: string,
  text: string,
  options: { maxDepth: number; maxAliases: number; schema: Schema; pieceChars?: number },
  sink: CompactSink
): { value: unknown } | undefined {
  const pieces = cutPieces(text, options.pieceChars ?? PIECE_CHARS)
  if (!pieces) return undefined
  let top: Record<string, unknown> | undefined
  let items: unknown[] | undefined
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p]
    const source = text.slice(piece.start, piece.end)
    const mapping = piece.kind === 'mapping'
    let events: Event[]
    let value: unknown
    try {
      // An item sits one level deeper in the file than in its piece.
      events = parseEvents(source, { filename: file, maxDepth: mapping ? options.maxDepth : options.maxDepth - 1 })
      if (events.length < 4 || events[0].type !== EVENT_ID.DOCUMENT || events[1].type !== (mapping ? EVENT_ID.MAPPING : EVENT_ID.SEQUENCE))
        return undefined
      for (let i = 1; i < events.length; i++) {
        const event = events[i]
        if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.ALIAS) return undefined
        if (
          (event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) &&
          (event.anchorStart >= 0 || event.tagStart >= 0)
        )
          return undefined
        if (
          event.type === EVENT_ID.SCALAR &&
          event.style === SCALAR_STYLE.PLAIN &&
          event.valueEnd - event.valueStart === 2 &&
          source.startsWith('<<', event.valueStart)
        )
          return undefined
      }
      value = constructFromEvents(events, {
        source,
        filename: file,
        maxAliases: options.maxAliases,
        schema: options.schema,
        json: false
      })[0]
    } catch {
      return undefined
    }
    // Events: [document, collection, …inner…, pop collection, pop document].
    const last = events.length - 2
    if (events[last].type !== EVENT_ID.POP || events[last + 1].type !== EVENT_ID.POP) return undefined
    if (mapping) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
      const entries = value as Record<string, unknown>
      // A mapping piece that leads into a split sequence ends with its key and an empty value.
      const opens = pieces[p + 1]?.kind === 'items'
      let end = last
      if (opens) {
        const key = pieces[p + 1].key!
        const empty = events[last - 1]
        if (empty.type !== EVENT_ID.SCALAR || empty.valueStart >= 0 || !isNode(events[last - 2])) return undefined
        if (!Object.prototype.hasOwnProperty.call(entries, key) || entries[key] !== null || Object.keys(entries).at(-1) !== key)
          return undefined
        end = last - 1
      }
      if (!top) {
        top = entries
        emit(sink, events[0], 0)
        emit(sink, events[1], piece.start)
      } else {
        for (const key of Object.keys(entries)) {
          if (Object.prototype.hasOwnProperty.call(top, key)) return undefined
          top[key] = entries[key]
        }
      }
      for (let i = 2; i < end; i++) emit(sink, events[i], piece.start)
      continue
    }
    if (!top || !Array.isArray(value)) return undefined
    if (piece.first) {
      items = value
      top[piece.key!] = items
      emit(sink, events[1], piece.start)
    } else for (const item of value) items!.push(item)
    for (let i = 2; i < last; i++) emit(sink, events[i], piece.start)
    if (piece.last) emit(sink, events[last], 0)
  }
  if (!top) return undefined
  // Close the top mapping and the document.
  sink.push(EVENT_ID.POP, 0, 0, 0)
  sink.push(EVENT_ID.POP, 0, 0, 0)
  return { value: top }
}
