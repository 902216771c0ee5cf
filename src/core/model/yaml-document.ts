import {
  constructFromEvents,
  CORE_SCHEMA,
  EVENT_ID,
  getScalarValue,
  mergeTag,
  parseEvents,
  SCALAR_STYLE,
  YAMLException,
  type Event,
  type ScalarEvent
} from 'js-yaml'
import type { DocumentPath, Problem } from '../problems.js'
import { parseInPieces, PIECES_FROM_CHARS } from './yaml-pieces.js'

/** Limits that protect the parser from hostile input. */
export interface ParseLimits {
  /** Largest accepted file, in bytes. */
  maxFileBytes: number
  /** Deepest accepted nesting of mappings and sequences. */
  maxDepth: number
  /** Most aliases (`*name`) accepted in one file. */
  maxAliases: number
  /** Most nodes the document may expand to once aliases are followed (billion-laughs guard). */
  maxExpandedNodes: number
  /**
   * Most bytes of scalar text the document may expand to once aliases are followed: a few large
   * anchored strings aliased many times multiply bytes, not nodes.
   */
  maxExpandedBytes: number
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 1000,
  // A 10 MB model without aliases has about a million nodes; twice that leaves room for anchors.
  maxExpandedNodes: 2_000_000,
  // A 10 MB model holds at most 10 MB of scalar text; aliases may add as much again, not more.
  maxExpandedBytes: 20 * 1024 * 1024
}

/** How a document is read: native model files strictly, files of other tools as those tools' YAML readers do. */
export interface ParseOptions {
  /**
   * A file written by another tool: a duplicated key keeps its last value (as JSON.parse and
   * PyYAML do) and quoted text continued on under-indented lines is accepted (as PyYAML and yq
   * accept it), each with a positioned warning instead of an error.
   */
  foreign?: boolean
}

/** Merge keys (`<<: *anchor`, `<<: [*a, *b]`) are honoured in every file. */
const SCHEMA = CORE_SCHEMA.withTags(mergeTag)

/** A 1-based line and column. */
export interface TextPosition {
  line: number
  column: number
}

/** A parsed YAML/JSON document: the plain value and a map back to the source text. */
export interface ParsedDocument {
  value: unknown
  sourceMap: SourceMap
}

export type ParseResult = { ok: true; document: ParsedDocument; warnings: Problem[] } | { ok: false; problems: Problem[] }

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/** Turns file bytes into text, or explains why they are not UTF-8 text. */
export function decodeModelText(file: string, content: Uint8Array | string): { text: string } | { problem: Problem } {
  const at = (message: string, code: string, line = 1, column = 1): { problem: Problem } => ({
    problem: { file, line, column, path: '', severity: 'error', code, message }
  })
  if (typeof content === 'string') {
    return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content }
  }
  if (content.length >= 2 && ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff))) {
    return at('the file is UTF-16 encoded; save it as UTF-8', 'encoding/utf16')
  }
  // Without a BOM, UTF-16 text shows as ASCII letters interleaved with zero bytes.
  if (content.length >= 4 && content[0] !== 0 && content[1] === 0 && content[2] !== 0 && content[3] === 0) {
    return at('the file looks UTF-16 encoded (little-endian, no byte-order mark); save it as UTF-8', 'encoding/utf16')
  }
  if (content.length >= 4 && content[0] === 0 && content[1] !== 0 && content[2] === 0 && content[3] !== 0) {
    return at('the file looks UTF-16 encoded (big-endian, no byte-order mark); save it as UTF-8', 'encoding/utf16')
  }
  let bytes = content
  if (bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) bytes = bytes.subarray(3)
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) }
  } catch {
    // Find the first invalid byte so the message can point at it.
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes)
    const bad = text.indexOf('\ufffd')
    const position = bad >= 0 ? new LineIndex(text).position(bad) : { line: 1, column: 1 }
    return at(
      'the file is not valid UTF-8 text (invalid byte sequence); save it as UTF-8',
      'encoding/invalid-utf8',
      position.line,
      position.column
    )
  }
}

/** Maps offsets to 1-based lines and columns; understands LF, CRLF and lone CR. */
export class LineIndex {
  /** Offset where each line starts: counted first, so one typed array holds them all. */
  private readonly starts: Int32Array
  constructor(text: string) {
    // Without carriage returns (most files), lines end at '\n' alone, which indexOf finds fast.
    if (!text.includes('\r')) {
      let lines = 1
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++
      this.starts = new Int32Array(lines)
      for (let i = text.indexOf('\n'), line = 1; i >= 0; i = text.indexOf('\n', i + 1)) this.starts[line++] = i + 1
      return
    }
    let lines = 1
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10) lines++
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++
        lines++
      }
    }
    this.starts = new Int32Array(lines)
    for (let i = 0, line = 1; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10) this.starts[line++] = i + 1
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++
        this.starts[line++] = i + 1
      }
    }
  }
  position(offset: number): TextPosition {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.starts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 }
  }
}

interface PositionNode {
  /** Offset of the node's value. */
  start: number
  /** Offset of the key that holds this node in a mapping, or of the `-` item. */
  keyStart: number
  entries?: Map<string, PositionNode>
  items?: PositionNode[]
  /** Set when the node is an alias: the anchor it refers to. */
  alias?: string
  /** Values of `<<` merge keys in this mapping, in order (an alias, a list of aliases or a mapping). */
  merges?: PositionNode[]
}

/** Maps offsets of a repaired text back to the text as written (repairs only insert characters). */
export type OffsetTranslator = (offset: number) => number

/**
 * The parser's events in one flat array, STRIDE numbers each: js-yaml's event objects (hundreds
 * of thousands in a large model file) are dropped once the value is constructed, and positions
 * are found from these when asked for. Fields:
 * 0. type | style << 3 | chomping << 6 | fast << 8;
 * 1. a scalar's value start, a collection's start, an alias's anchor start;
 * 2. a scalar's value end; for a collection, the index of the event after its closing pop;
 * 3. a scalar's indent.
 * Anchors and tags are rare: they are kept apart, by event index.
 */
const STRIDE = 4
const TYPE_MASK = 0x7

interface NodeProperties {
  anchorStart: number
  anchorEnd: number
  tagStart: number
}

const NO_PROPERTIES: NodeProperties = { anchorStart: -1, anchorEnd: -1, tagStart: -1 }

interface CompactEvents {
  data: Int32Array
  properties: Map<number, NodeProperties>
  /** No aliases and no merge keys: paths are walked in the events themselves. */
  plain: boolean
}

function compactEvents(text: string, events: readonly Event[]): CompactEvents {
  const data = new Int32Array(events.length * STRIDE)
  const properties = new Map<number, NodeProperties>()
  const open: number[] = []
  let plain = true
  for (let i = 0, o = 0; i < events.length; i++, o += STRIDE) {
    const event = events[i]
    switch (event.type) {
      case EVENT_ID.SCALAR:
        data[o] = event.type | (event.style << 3) | ((event.chomping ?? 0) << 6) | (event.fast ? 1 << 8 : 0)
        data[o + 1] = event.valueStart
        data[o + 2] = event.valueEnd
        data[o + 3] = event.indent ?? 0
        if (event.anchorStart >= 0 || event.tagStart >= 0) {
          properties.set(i, { anchorStart: event.anchorStart, anchorEnd: event.anchorEnd, tagStart: event.tagStart })
        }
        // A merge key (`<<`) is plain text; a document without one has nothing to merge.
        if (
          plain &&
          event.style === SCALAR_STYLE.PLAIN &&
          event.valueEnd - event.valueStart === 2 &&
          text.startsWith('<<', event.valueStart)
        ) {
          plain = false
        }
        break
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        data[o] = event.type | (event.style << 3)
        data[o + 1] = event.start
        if (event.anchorStart >= 0 || event.tagStart >= 0) {
          properties.set(i, { anchorStart: event.anchorStart, anchorEnd: event.anchorEnd, tagStart: event.tagStart })
        }
        open.push(i)
        break
      case EVENT_ID.ALIAS:
        data[o] = event.type
        data[o + 1] = event.anchorStart
        properties.set(i, { anchorStart: event.anchorStart, anchorEnd: event.anchorEnd, tagStart: -1 })
        plain = false
        break
      case EVENT_ID.POP: {
        data[o] = event.type
        // The document's own pop closes no collection.
        const opened = open.pop()
        if (opened !== undefined) data[opened * STRIDE + 2] = i + 1
        break
      }
      default:
        data[o] = event.type
        break
    }
  }
  return { data, properties, plain }
}

/** Locates document paths in the source text; built lazily on first use. */
export class SourceMap {
  /** Only for documents with aliases or merge keys: the resolved tree of positions. */
  private root: PositionNode | undefined
  private anchors = new Map<string, PositionNode>()
  private lineIndex: LineIndex | undefined
  private readonly events: Int32Array
  private readonly properties: Map<number, NodeProperties>
  private readonly plain: boolean
  /** Event indices of the items of long sequences, built when first indexed into. */
  private readonly itemIndex = new Map<number, Int32Array>()

  /**
   * `text` and `events` are what was parsed; when the parser read a repaired copy of the file,
   * `original` is the file as written and `toOriginal` maps offsets back to it.
   */
  constructor(
    readonly file: string,
    private readonly text: string,
    events: readonly Event[] | CompactEvents,
    private readonly original?: { text: string; toOriginal: OffsetTranslator }
  ) {
    const compact = 'data' in events ? events : compactEvents(text, events)
    this.events = compact.data
    this.properties = compact.properties
    this.plain = compact.plain
  }

  /** Position of an offset in the text. */
  positionOf(offset: number): TextPosition {
    this.lineIndex ??= new LineIndex(this.original?.text ?? this.text)
    return this.lineIndex.position(this.original ? this.original.toOriginal(offset) : offset)
  }

  /**
   * Position of the value at `path`; when the path does not exist, the position of its deepest
   * existing ancestor. With `key: true`, the position of the key that holds the value. A value
   * that a merge key (`<<: *anchor`) brought in is located where the anchor defines it.
   */
  locate(path: DocumentPath, options: { key?: boolean } = {}): TextPosition {
    if (this.plain) {
      const found = this.walk(path)
      return this.positionOf(Math.max(0, options.key && found.exact ? found.keyStart : found.start))
    }
    let node = this.tree()
    let exact = true
    for (const part of path) {
      const target = this.resolve(node)
      const next = typeof part === 'number' ? target.items?.[part] : target.entries?.get(part)
      if (!next) {
        exact = false
        break
      }
      node = next
    }
    const offset = options.key && exact ? node.keyStart : node.start
    return this.positionOf(Math.max(0, offset))
  }

  /** Whether the path exists in the document. */
  has(path: DocumentPath): boolean {
    if (this.plain) return this.walk(path).exact
    let node = this.tree()
    for (const part of path) {
      const target = this.resolve(node)
      const next = typeof part === 'number' ? target.items?.[part] : target.entries?.get(part)
      if (!next) return false
      node = next
    }
    return true
  }

  /** Type of event `index`; past the end reads as a pop, so no walk can run off the array. */
  private typeAt(index: number): number {
    const o = index * STRIDE
    return o < this.events.length ? this.events[o] & TYPE_MASK : EVENT_ID.POP
  }

  private props(index: number): NodeProperties {
    return this.properties.get(index) ?? NO_PROPERTIES
  }

  /** Offset where the node of event `index` starts (a quoted scalar at its opening quote). */
  private nodeStart(index: number): number {
    const o = index * STRIDE
    const type = this.events[o] & TYPE_MASK
    if (type === EVENT_ID.SCALAR) {
      const valueStart = this.events[o + 1]
      const style = (this.events[o] >> 3) & 0x7
      const quoted = style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED
      return valueStart >= 0 ? valueStart - (quoted ? 1 : 0) : Math.max(0, this.props(index).anchorStart)
    }
    if (type === EVENT_ID.ALIAS) return Math.max(0, this.events[o + 1] - 1)
    return this.events[o + 1]
  }

  /** Index of the event after the node of event `index` (past a collection's closing pop). */
  private after(index: number): number {
    const type = this.typeAt(index)
    return type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE ? this.events[index * STRIDE + 2] : index + 1
  }

  /** The scalar event at `index`, as js-yaml's `getScalarValue` reads it. */
  private scalarAt(index: number): ScalarEvent {
    const o = index * STRIDE
    const head = this.events[o]
    const props = this.props(index)
    return {
      type: EVENT_ID.SCALAR,
      valueStart: this.events[o + 1],
      valueEnd: this.events[o + 2],
      anchorStart: props.anchorStart,
      anchorEnd: props.anchorEnd,
      tagStart: props.tagStart,
      tagEnd: -1,
      style: ((head >> 3) & 0x7) as ScalarEvent['style'],
      chomping: ((head >> 6) & 0x3) as ScalarEvent['chomping'],
      fast: (head & (1 << 8)) !== 0,
      indent: this.events[o + 3]
    }
  }

  /** Whether the scalar key at event `index` reads as `name`. */
  private keyIs(index: number, name: string): boolean {
    const o = index * STRIDE
    if ((this.events[o] & (1 << 8)) !== 0) {
      const start = this.events[o + 1]
      return this.events[o + 2] - start === name.length && this.text.startsWith(name, start)
    }
    return getScalarValue(this.text, this.scalarAt(index)) === name
  }

  /** The first node of the document, or -1 when it has none. */
  private rootIndex(): number {
    const count = this.events.length / STRIDE
    for (let i = 0; i < count; i++) {
      const type = this.typeAt(i)
      if (type === EVENT_ID.SCALAR || type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE || type === EVENT_ID.ALIAS) return i
    }
    return -1
  }

  /** Event index of item `n` of the sequence at `index`, or -1. */
  private item(index: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) return -1
    if (n >= 16) {
      let items = this.itemIndex.get(index)
      if (!items) {
        const found: number[] = []
        for (let i = index + 1; this.typeAt(i) !== EVENT_ID.POP; i = this.after(i)) found.push(i)
        items = Int32Array.from(found)
        this.itemIndex.set(index, items)
      }
      return n < items.length ? items[n] : -1
    }
    let i = index + 1
    for (let k = 0; k < n && this.typeAt(i) !== EVENT_ID.POP; k++) i = this.after(i)
    return this.typeAt(i) === EVENT_ID.POP ? -1 : i
  }

  /** Follows `path` through the events of a document without aliases or merge keys. */
  private walk(path: DocumentPath): { start: number; keyStart: number; exact: boolean } {
    let node = this.rootIndex()
    if (node < 0) return { start: 0, keyStart: 0, exact: path.length === 0 }
    let keyStart = this.nodeStart(node)
    for (const part of path) {
      const type = this.typeAt(node)
      let next = -1
      let nextKey = -1
      if (typeof part === 'number') {
        if (type === EVENT_ID.SEQUENCE) {
          next = this.item(node, part)
          if (next >= 0) nextKey = this.nodeStart(next)
        }
      } else if (type === EVENT_ID.MAPPING) {
        // A key written twice (a foreign file read leniently) keeps its last value.
        for (let key = node + 1; this.typeAt(key) !== EVENT_ID.POP;) {
          const value = this.after(key)
          if (this.typeAt(value) === EVENT_ID.POP) break
          if (this.typeAt(key) === EVENT_ID.SCALAR && this.keyIs(key, part)) {
            next = value
            nextKey = this.nodeStart(key)
          }
          key = this.after(value)
        }
      }
      if (next < 0) return { start: this.nodeStart(node), keyStart, exact: false }
      node = next
      keyStart = nextKey
    }
    return { start: this.nodeStart(node), keyStart, exact: true }
  }

  private resolve(node: PositionNode): PositionNode {
    let current = node
    for (let hops = 0; current.alias !== undefined && hops < 64; hops++) {
      const target = this.anchors.get(current.alias)
      if (!target) break
      current = target
    }
    return current
  }

  /**
   * Adds the entries that merge keys bring into a mapping: keys written in the mapping win, and
   * among several merged mappings the first one listed wins, as YAML merge keys define.
   */
  private applyMerges(node: PositionNode, done: Set<PositionNode>): void {
    if (done.has(node) || !node.merges || !node.entries) return
    done.add(node)
    for (const merge of node.merges) {
      const resolved = this.resolve(merge)
      const sources = resolved.items ?? [resolved]
      for (const source of sources) {
        const mapping = this.resolve(source)
        if (!mapping.entries) continue
        this.applyMerges(mapping, done)
        for (const [key, value] of mapping.entries) if (!node.entries.has(key)) node.entries.set(key, value)
      }
    }
  }

  private tree(): PositionNode {
    if (this.root) return this.root
    const text = this.text
    interface Frame {
      node: PositionNode
      mapping: boolean
      pendingKey: { name: string; start: number; merge: boolean } | undefined
      expectKey: boolean
    }
    const root: PositionNode = { start: 0, keyStart: 0 }
    const stack: Frame[] = []
    const merging: PositionNode[] = []
    let rootSet = false
    const anchorName = (start: number, end: number): string | undefined => (start >= 0 ? text.slice(start, end) : undefined)
    // Attach a freshly opened or scalar node to its parent; returns false when it was a mapping key.
    const place = (node: PositionNode, keyName: string | undefined, mergeKey = false): boolean => {
      const parent = stack[stack.length - 1]
      if (!parent) {
        if (!rootSet) {
          Object.assign(root, node)
          rootSet = true
        }
        return true
      }
      if (parent.mapping) {
        if (parent.expectKey) {
          parent.pendingKey = keyName === undefined ? undefined : { name: keyName, start: node.start, merge: mergeKey }
          parent.expectKey = false
          return false
        }
        parent.expectKey = true
        if (parent.pendingKey) {
          node.keyStart = parent.pendingKey.start
          if (parent.pendingKey.merge) {
            parent.node.merges ??= []
            parent.node.merges.push(node)
            merging.push(parent.node)
          } else parent.node.entries!.set(parent.pendingKey.name, node)
        }
        return true
      }
      node.keyStart = node.start
      parent.node.items!.push(node)
      return true
    }
    const count = this.events.length / STRIDE
    for (let i = 0; i < count; i++) {
      const { anchorStart, anchorEnd, tagStart } = this.props(i)
      const type = this.typeAt(i)
      switch (type) {
        case EVENT_ID.SCALAR: {
          const style = (this.events[i * STRIDE] >> 3) & 0x7
          const start = this.nodeStart(i)
          const node: PositionNode = { start, keyStart: start }
          const parent = stack[stack.length - 1]
          const isKey = parent?.mapping === true && parent.expectKey
          const name = isKey ? getScalarValue(text, this.scalarAt(i)) : undefined
          place(node, name, isKey && name === '<<' && style === SCALAR_STYLE.PLAIN && tagStart < 0)
          const anchor = anchorName(anchorStart, anchorEnd)
          if (anchor && !isKey) this.anchors.set(anchor, node)
          break
        }
        case EVENT_ID.ALIAS: {
          const name = text.slice(anchorStart, anchorEnd)
          const node: PositionNode = { start: this.nodeStart(i), keyStart: 0, alias: name }
          place(node, undefined)
          break
        }
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE: {
          const mapping = type === EVENT_ID.MAPPING
          const start = this.nodeStart(i)
          const node: PositionNode = { start, keyStart: start }
          if (mapping) node.entries = new Map()
          else node.items = []
          const parent = stack[stack.length - 1]
          const isKey = parent?.mapping === true && parent.expectKey
          place(node, undefined)
          const anchor = anchorName(anchorStart, anchorEnd)
          if (anchor && !isKey) this.anchors.set(anchor, node)
          stack.push({
            node: isKey ? { start: node.start, keyStart: node.start, entries: new Map(), items: [] } : node,
            mapping,
            pendingKey: undefined,
            expectKey: true
          })
          break
        }
        case EVENT_ID.POP:
          if (stack.length > 0) stack.pop()
          break
        default:
          break
      }
    }
    const done = new Set<PositionNode>()
    for (const node of merging) this.applyMerges(node, done)
    this.root = root
    return root
  }
}

/** A syntax problem restated for people: what is wrong, and where it is best pointed at. */
interface SyntaxExplanation {
  message: string
  offset: number
}

/**
 * Friendlier wording for the parser's most common complaints. js-yaml reports where it noticed
 * the problem; for unclosed brackets and quotes that is often lines later, so those point back
 * at the opening character instead.
 */
function explainYamlError(text: string, reason: string, offset: number, position: (offset: number) => TextPosition): SyntaxExplanation {
  if (/tab characters must not be used in indentation/i.test(reason)) {
    return { message: 'a tab character is used for indentation; YAML indents with spaces only', offset }
  }
  if (/duplicated mapping key/i.test(reason)) {
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\r\n]*?)\s*:(?:\s|$)/.exec(text.slice(offset))?.[1]?.trim()
    const first = key ? firstKeyLine(text, offset, key) : undefined
    return {
      message: `duplicate key${key ? ` \`${key}\`` : ''} in a mapping${first ? ` (first at line ${first})` : ''}; each key may appear once`,
      offset
    }
  }
  if (/deficient indentation|unexpected end of the stream within/i.test(reason)) {
    const open = unclosedAt(text, offset)
    if (open?.kind === 'quote' && closingQuote(text, open) >= 0) {
      // The quote does close: a continuation line sits left of where YAML lets the text continue.
      const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1
      const indent = /^[ ]*/.exec(text.slice(lineStart))?.[0].length ?? 0
      const name = open.char === '"' ? 'double' : 'single'
      const opened = position(open.offset)
      return {
        message: `this line continues the ${name}-quoted text that starts at line ${opened.line}, column ${opened.column}, but is indented less than YAML allows; indent it past the key that holds the text (or use a block scalar \`|\` or \`>\`)`,
        offset: lineStart + indent
      }
    }
    if (open?.kind === 'quote') {
      const name = open.char === '"' ? 'double' : 'single'
      return { message: `unclosed quote: the ${name}-quoted text that starts here has no closing ${open.char}`, offset: open.offset }
    }
    if (open?.kind === 'bracket') {
      const closer = open.char === '{' ? '}' : ']'
      const what = open.char === '{' ? 'flow mapping' : 'flow list'
      return { message: `unclosed \`${open.char}\`: the ${what} that starts here has no matching \`${closer}\``, offset: open.offset }
    }
  }
  if (/bad indentation of a mapping entry/i.test(reason)) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1
    const before = text.slice(lineStart, offset)
    if (/:\s+\S/.test(before.replace(/^\s*(-\s+)*/, ''))) {
      return { message: 'a plain value contains `: `, which YAML reads as another key; quote the value', offset }
    }
    const indent = /^[ ]*/.exec(before)?.[0].length ?? 0
    const key = before.slice(indent).trim()
    return {
      message: `bad indentation${key ? ` of the key \`${key}\`` : ''}: keys of one mapping must line up, and nested keys belong under a key with no value on its line`,
      offset: lineStart + indent
    }
  }
  if (/missed comma between flow collection entries/i.test(reason)) {
    return {
      message: 'missing comma before this entry of a `[…]` or `{…}` collection (or a value with a comma that needs quoting)',
      offset: keyStartBefore(text, offset)
    }
  }
  const tag = /unknown (?:scalar|sequence|mapping) tag !<(?:tag:yaml\.org,2002:)?!?([^>]*)>/i.exec(reason)
  if (tag) return { message: `YAML tags such as \`!${tag[1]}\` are not supported in model files; remove the tag`, offset }
  const alias = /unidentified alias "([^"]*)"/i.exec(reason)
  if (alias) {
    const star = text.lastIndexOf(`*${alias[1]}`, offset)
    return {
      message: `the alias \`*${alias[1]}\` refers to no anchor \`&${alias[1]}\` defined before it`,
      offset: star >= 0 ? star : offset
    }
  }
  return { message: `YAML syntax error: ${reason}`, offset }
}

/**
 * Line of the earlier occurrence of a duplicated block-mapping key: the nearest line above at the
 * same key column (after any `- `), without leaving the mapping.
 */
function firstKeyLine(text: string, offset: number, key: string): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const column = offset - lineStart
  const above = text.slice(0, lineStart).split(/\r?\n/)
  for (let n = above.length - 1; n >= 0; n--) {
    const line = above[n]
    if (/^\s*(#.*)?$/.test(line)) continue
    const indent = /^ */.exec(line)?.[0].length ?? 0
    const keyColumn = /^[ ]*(?:-[ ]+)*/.exec(line)?.[0].length ?? 0
    if (keyColumn === column && line.slice(keyColumn).startsWith(`${key}:`)) return n + 1
    if (indent < column) return undefined
  }
  return undefined
}

/** Start of the key that ends just before `colon` (a quoted string or a run of plain characters). */
function keyStartBefore(text: string, colon: number): number {
  let i = colon - 1
  while (i > 0 && (text[i] === ' ' || text[i] === '\t')) i--
  if (text[i] === '"' || text[i] === "'") {
    const open = text.lastIndexOf(text[i], i - 1)
    return open >= 0 ? open : colon
  }
  while (i > 0 && !/[\s,[\]{}]/.test(text[i - 1])) i--
  return i
}

/** Offset just past a block scalar (`|` or `>` at `indicator`): its lines are more indented than the line that opens it. */
function blockScalarEnd(text: string, indicator: number, end: number): number {
  const lineStart = text.lastIndexOf('\n', indicator) + 1
  const indent = /^ */.exec(text.slice(lineStart, indicator))?.[0].length ?? 0
  let next = text.indexOf('\n', indicator)
  while (next >= 0 && next + 1 < end) {
    const line = /^( *)([^\r\n]?)/.exec(text.slice(next + 1))
    const blank = line?.[2] === '' || line?.[2] === undefined
    if (!blank && (line?.[1].length ?? 0) <= indent) return next + 1
    next = text.indexOf('\n', next + 1)
  }
  return next < 0 ? end : Math.min(next + 1, end)
}

interface OpenConstruct {
  kind: 'quote' | 'bracket'
  char: string
  offset: number
}

/**
 * The quote or flow bracket still open at `end`, scanning the text like YAML does: quotes and
 * brackets only start a node where a value may begin, and comments are skipped.
 */
function unclosedAt(text: string, end: number): OpenConstruct | undefined {
  const brackets: OpenConstruct[] = []
  let quote: OpenConstruct | undefined
  // Whether a node may begin at the current position (after indentation, `- `, `: `, `[`, `{`, `,`).
  let nodeStart = true
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (quote.char === '"' && c === '\\') i++
      else if (quote.char === "'" && c === "'" && text[i + 1] === "'") i++
      else if (c === quote.char) {
        quote = undefined
        nodeStart = false
      }
      continue
    }
    if (c === '\n' || c === '\r') {
      nodeStart = true
      continue
    }
    if (c === ' ' || c === '\t') continue
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < end && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++
      continue
    }
    if (nodeStart && (c === '"' || c === "'")) {
      quote = { kind: 'quote', char: c, offset: i }
      continue
    }
    if (nodeStart && brackets.length === 0 && (c === '|' || c === '>')) {
      i = blockScalarEnd(text, i, end) - 1
      nodeStart = true
      continue
    }
    if (nodeStart && (c === '[' || c === '{')) {
      brackets.push({ kind: 'bracket', char: c, offset: i })
      continue
    }
    if (brackets.length > 0 && (c === ']' || c === '}')) {
      brackets.pop()
      nodeStart = false
      continue
    }
    if (brackets.length > 0 && c === ',') {
      nodeStart = true
      continue
    }
    const next = text[i + 1]
    // Inside `[…]`/`{…}` a value may follow `:` directly, as in JSON (`"a":"b"`).
    if ((c === '-' || c === ':' || c === '?') && (next === undefined || /\s/.test(next) || (brackets.length > 0 && c === ':'))) {
      nodeStart = true
      continue
    }
    nodeStart = false
  }
  return quote ?? brackets[brackets.length - 1]
}

/** Collects compact events (STRIDE numbers each) in a growing array. */
class CompactWriter {
  count = 0
  private data: Int32Array
  constructor(textLength: number) {
    // About one event per ten characters of a model.
    this.data = new Int32Array(Math.max(1024, Math.ceil(textLength / 8) * STRIDE))
  }
  push(head: number, start: number, end: number, indent: number): void {
    let o = this.count * STRIDE
    if (o + STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[o++] = head
    this.data[o++] = start
    this.data[o++] = end
    this.data[o] = indent
    this.count++
  }
  /** The events written, in an array of their own size. */
  events(): Int32Array {
    return this.data.slice(0, this.count * STRIDE)
  }
}

/** Reads a large native model in pieces (see yaml-pieces.ts), or undefined to read it whole. */
function readInPieces(file: string, text: string, limits: ParseLimits): ParseResult | undefined {
  const writer = new CompactWriter(text.length)
  const parsed = parseInPieces(file, text, { maxDepth: limits.maxDepth, maxAliases: limits.maxAliases, schema: SCHEMA }, writer)
  if (!parsed) return undefined
  const count = writer.count
  // Without aliases the document expands to its own nodes; the whole read reports a count over the limit.
  if (count > limits.maxExpandedNodes && text.includes('*')) return undefined
  const events = writer.events()
  // Each collection's skip: the index of the event after its closing pop.
  const open: number[] = []
  for (let i = 0; i < count; i++) {
    const type = events[i * STRIDE] & TYPE_MASK
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) {
      events[i * STRIDE + 2] = 0
      open.push(i)
    } else if (type === EVENT_ID.POP) {
      const opened = open.pop()
      if (opened !== undefined) events[opened * STRIDE + 2] = i + 1
    }
  }
  const sourceMap = new SourceMap(file, text, { data: events, properties: new Map(), plain: true })
  return { ok: true, document: { value: parsed.value, sourceMap }, warnings: [] }
}

/**
 * Parses one YAML (or JSON) document with the given limits. Returns the value and a source map,
 * or every problem that stopped it (syntax errors stop at the first, as YAML parsers do).
 */
export function parseYamlDocument(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  options: ParseOptions = {}
): ParseResult {
  const fail = (message: string, code: string, line = 1, column = 1): ParseResult => ({
    ok: false,
    problems: [{ file, line, column, path: '', severity: 'error', code, message }]
  })
  // A UTF-8 character takes at most three bytes per UTF-16 unit, so short texts need no encoding.
  const byteLength = text.length * 3 <= limits.maxFileBytes ? text.length : new TextEncoder().encode(text).length
  const tooLarge = fileSizeProblem(file, byteLength, limits)
  if (tooLarge) return { ok: false, problems: [tooLarge] }
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    const position = new LineIndex(text).position(nul)
    return fail('the file contains a NUL byte; it is binary, not YAML or JSON text', 'encoding/binary', position.line, position.column)
  }
  if (!options.foreign && text.length >= PIECES_FROM_CHARS) {
    const pieced = readInPieces(file, text, limits)
    if (pieced) return pieced
  }
  const warnings: Problem[] = []
  const parsed = parseWithRepairs(file, text, limits, options, warnings)
  if ('result' in parsed) return parsed.result
  const { events, work, toOriginal } = parsed
  let lines: LineIndex | undefined
  const positionOf = (offset: number): TextPosition => (lines ??= new LineIndex(text)).position(toOriginal(offset))
  let documents = 0
  for (let i = 0; i < events.length && documents < 2; i++) if (events[i].type === EVENT_ID.DOCUMENT) documents++
  if (documents === 0 || (documents === 1 && events.length <= 2)) {
    return fail(
      text.trim() === ''
        ? 'the file is empty; a model needs at least `threatloop: 1` and a `model:` section'
        : 'the file holds only comments; a model needs at least `threatloop: 1` and a `model:` section',
      'structure/empty'
    )
  }
  if (documents > 1) {
    const position = positionOf(secondDocumentStart(work, events))
    return fail(
      'the file holds more than one YAML document (`---`); a model file holds exactly one',
      'structure/multiple-documents',
      position.line,
      position.column
    )
  }
  const expansion = checkAliasExpansion(work, events, limits)
  if (expansion) {
    const position = positionOf(expansion.offset)
    return fail(expansion.message, 'limits/aliases', position.line, position.column)
  }
  let value: unknown
  const construct = (json: boolean): unknown =>
    constructFromEvents(events, { source: work, filename: file, maxAliases: limits.maxAliases, schema: SCHEMA, json })[0]
  try {
    value = construct(false)
  } catch (error) {
    // Every duplicated key at once, each with the line of its first occurrence: errors in a native
    // file; in a foreign file warnings, and the last value is kept (looked for only when there is one).
    const duplicates =
      error instanceof YAMLException && /duplicated mapping key/i.test(error.reason)
        ? duplicateKeyWarnings(file, work, events, positionOf)
        : []
    if (duplicates.length === 0) return yamlErrorResult(file, work, error, limits, positionOf)
    if (!options.foreign) {
      return {
        ok: false,
        problems: duplicates.map((d) => ({
          ...d,
          severity: 'error',
          code: 'syntax/yaml',
          message: `duplicate key \`${d.key}\` in a mapping (first at line ${d.firstLine}); each key may appear once`
        }))
      }
    }
    warnings.push(...duplicates.map(({ key: _key, firstLine: _first, ...warning }) => warning))
    try {
      value = construct(true)
    } catch (again) {
      return yamlErrorResult(file, work, again, limits, positionOf)
    }
  }
  const original = work === text ? undefined : { text, toOriginal }
  return { ok: true, document: { value, sourceMap: new SourceMap(file, work, events, original) }, warnings }
}

/** Most quoted scalars repaired in one file before the parser's complaint is reported as it is. */
const MAX_REPAIRS = 32

/**
 * Parses the text into events. For a foreign file, quoted text continued on lines indented less
 * than YAML 1.2 requires is re-indented (PyYAML and yq read such text; its value does not depend
 * on that indentation) and a warning names each place; the offsets of the repaired copy map back
 * to the file as written.
 */
function parseWithRepairs(
  file: string,
  text: string,
  limits: ParseLimits,
  options: ParseOptions,
  warnings: Problem[]
): { events: Event[]; work: string; toOriginal: OffsetTranslator } | { result: ParseResult } {
  // Insertions made so far, in offsets of the original text, sorted.
  const insertions: { at: number; count: number }[] = []
  const toOriginal: OffsetTranslator = (offset) => {
    let shift = 0
    for (const insertion of insertions) {
      const at = insertion.at + shift
      if (offset < at) break
      if (offset < at + insertion.count) return insertion.at
      shift += insertion.count
    }
    return offset - shift
  }
  let work = text
  for (let attempt = 0; ; attempt++) {
    try {
      return { events: parseEvents(work, { filename: file, maxDepth: limits.maxDepth }), work, toOriginal }
    } catch (error) {
      const lines = new LineIndex(text)
      const positionOf = (offset: number): TextPosition => lines.position(toOriginal(offset))
      const repair =
        options.foreign &&
        attempt < MAX_REPAIRS &&
        error instanceof YAMLException &&
        /deficient indentation/i.test(error.reason) &&
        error.mark
          ? underIndentedQuote(work, error.mark.position)
          : undefined
      if (!repair) return { result: yamlErrorResult(file, work, error, limits, positionOf) }
      const at = positionOf(repair.firstLine)
      const opened = positionOf(repair.quote)
      warnings.push({
        file,
        line: at.line,
        column: at.column,
        path: '',
        severity: 'warning',
        code: 'syntax/under-indented-quote',
        message: `the quoted text that starts at line ${opened.line} continues on lines indented less than YAML requires; it is read as PyYAML and yq read it (indent the continuation lines past the key to make the file portable)`
      })
      // Insert from the end so earlier offsets stay valid while editing.
      for (const { offset, count } of [...repair.inserts].reverse()) {
        const original = toOriginal(offset)
        work = work.slice(0, offset) + ' '.repeat(count) + work.slice(offset)
        insertions.push({ at: original, count })
      }
      insertions.sort((a, b) => a.at - b.at)
    }
  }
}

/**
 * The quoted scalar whose continuation line the parser found under-indented at `offset`: where
 * its quote opens, its first under-indented line and the spaces that bring every continuation
 * line to the quote's column. Undefined when `offset` is not inside a closed quoted scalar, or
 * when a continuation line is a document marker (PyYAML refuses those too).
 */
function underIndentedQuote(
  text: string,
  offset: number
): { quote: number; firstLine: number; inserts: { offset: number; count: number }[] } | undefined {
  const open = unclosedAt(text, offset)
  if (open?.kind !== 'quote') return undefined
  const close = closingQuote(text, open)
  if (close < 0) return undefined
  const column = open.offset - (Math.max(text.lastIndexOf('\n', open.offset - 1), text.lastIndexOf('\r', open.offset - 1)) + 1)
  const inserts: { offset: number; count: number }[] = []
  let firstLine = -1
  for (let i = open.offset; i < close; i++) {
    const c = text[i]
    if (c !== '\n' && !(c === '\r' && text[i + 1] !== '\n')) continue
    const lineStart = i + 1
    if (/^(---|\.\.\.)([ \t\r\n]|$)/.test(text.slice(lineStart, lineStart + 4))) return undefined
    let indent = 0
    while (text[lineStart + indent] === ' ') indent++
    const next = text[lineStart + indent]
    if (next === '\n' || next === '\r' || next === undefined || next === '\t') continue
    if (indent < column) {
      inserts.push({ offset: lineStart, count: column - indent })
      if (firstLine < 0) firstLine = lineStart + indent
    }
  }
  return inserts.length > 0 ? { quote: open.offset, firstLine, inserts } : undefined
}

/** Offset of the quote that closes `open`, or -1 when the text ends first. */
function closingQuote(text: string, open: OpenConstruct): number {
  for (let i = open.offset + 1; i < text.length; i++) {
    const c = text[i]
    if (open.char === '"' && c === '\\') i++
    else if (open.char === "'" && c === "'" && text[i + 1] === "'") i++
    else if (c === open.char) return i
  }
  return -1
}

/** Warnings for keys a mapping repeats (the last value is kept), each naming where the key was first. */
function duplicateKeyWarnings(
  file: string,
  text: string,
  events: Event[],
  positionOf: (offset: number) => TextPosition
): (Problem & { key: string; firstLine: number })[] {
  const warnings: (Problem & { key: string; firstLine: number })[] = []
  interface Frame {
    mapping: boolean
    keys: Map<string, number> | undefined
    expectKey: boolean
  }
  const stack: Frame[] = []
  const value = (): void => {
    const parent = stack[stack.length - 1]
    if (parent?.mapping) parent.expectKey = !parent.expectKey
  }
  for (const event of events) {
    if (event.type === EVENT_ID.SCALAR) {
      const parent = stack[stack.length - 1]
      if (parent?.mapping && parent.expectKey) {
        const key = getScalarValue(text, event)
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
        const start = event.valueStart - (quoted ? 1 : 0)
        const first = parent.keys!.get(key)
        if (first !== undefined && key !== '<<') {
          const at = positionOf(start)
          const firstLine = positionOf(first).line
          warnings.push({
            file,
            line: at.line,
            column: at.column,
            path: '',
            severity: 'warning',
            code: 'syntax/duplicate-key',
            message: `the key \`${key}\` appears again in this mapping (first at line ${firstLine}); the last value is kept, as JSON and YAML readers of the source tool do`,
            key,
            firstLine
          })
        } else if (first === undefined) parent.keys!.set(key, start)
      }
      value()
    } else if (event.type === EVENT_ID.ALIAS) value()
    else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      // A collection used as a key (rare) is not tracked.
      value()
      const mapping = event.type === EVENT_ID.MAPPING
      stack.push({ mapping, keys: mapping ? new Map() : undefined, expectKey: true })
    } else if (event.type === EVENT_ID.POP) stack.pop()
  }
  return warnings
}

/** The problem for a file over the size limit, if it is. */
export function fileSizeProblem(file: string, byteLength: number, limits: ParseLimits): Problem | undefined {
  if (byteLength <= limits.maxFileBytes) return undefined
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    severity: 'error',
    code: 'limits/file-size',
    message: `the file is ${byteLength} bytes, over the limit of ${limits.maxFileBytes} bytes`
  }
}

/**
 * Offset of the `---` that starts the second document (document markers cannot occur inside
 * scalars, so a line-start match is exact), or of its first node when there is no marker.
 */
function secondDocumentStart(text: string, events: Event[]): number {
  let documents = 0
  let firstNode = -1
  let secondNode = -1
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) documents++
    const start =
      event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE
        ? event.start
        : event.type === EVENT_ID.SCALAR
          ? event.valueStart
          : -1
    if (start < 0) continue
    if (documents === 1 && firstNode < 0) firstNode = start
    if (documents === 2) {
      secondNode = start
      break
    }
  }
  const marker = /^---(?=[ \t\r\n]|$)/gm
  marker.lastIndex = Math.max(0, firstNode)
  const found = marker.exec(text)
  if (found && (secondNode < 0 || found.index <= secondNode)) return found.index
  return Math.max(0, secondNode)
}

function yamlErrorResult(
  file: string,
  text: string,
  error: unknown,
  limits: ParseLimits,
  positionOf?: (offset: number) => TextPosition
): ParseResult {
  const problem = (line: number, column: number, code: string, message: string): ParseResult => ({
    ok: false,
    problems: [{ file, line, column, path: '', severity: 'error', code, message }]
  })
  if (!(error instanceof YAMLException)) {
    const reason = error instanceof Error ? error.message : String(error)
    return problem(1, 1, 'syntax/yaml', `the file could not be parsed: ${reason}`)
  }
  let lines: LineIndex | undefined
  const position = positionOf ?? ((offset: number): TextPosition => (lines ??= new LineIndex(text)).position(offset))
  const offset = error.mark ? Math.min(Math.max(0, error.mark.position), text.length) : 0
  if (/nesting|depth/i.test(error.reason)) {
    const at = position(offset)
    return problem(at.line, at.column, 'limits/depth', `the document nests deeper than ${limits.maxDepth} levels`)
  }
  const explained = explainYamlError(text, error.reason, offset, position)
  const at = position(explained.offset)
  return problem(at.line, at.column, 'syntax/yaml', explained.message)
}

/**
 * Counts nodes and scalar text as they would be after following aliases, without expanding
 * anything: a file passes only when both stay within the limits.
 */
function checkAliasExpansion(text: string, events: Event[], limits: ParseLimits): { message: string; offset: number } | undefined {
  // An alias is written `*name`: a document without `*` has none to expand.
  if (!text.includes('*')) return undefined
  interface Size {
    nodes: number
    chars: number
  }
  const sizes = new Map<string, Size>()
  const counts: Size[] = [{ nodes: 0, chars: 0 }]
  const anchors: (string | undefined)[] = [undefined]
  const starts: number[] = [0]
  let aliases = 0
  let chars = 0
  const nodeBomb = (offset: number): { message: string; offset: number } => ({
    message: `aliases expand the document beyond ${limits.maxExpandedNodes} nodes (an alias bomb?)`,
    offset
  })
  const textBomb = (offset: number): { message: string; offset: number } => ({
    message: `aliases expand the document to more than ${limits.maxExpandedBytes} characters of text (large anchored values repeated by aliases); write the text once or shorten it`,
    offset
  })
  for (let i = 0; i < events.length; i++) {
    const event = events[i]
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const length = event.valueStart >= 0 ? event.valueEnd - event.valueStart : 0
        const top = counts[counts.length - 1]
        top.nodes += 1
        top.chars += length
        chars += length
        if (event.anchorStart >= 0) sizes.set(text.slice(event.anchorStart, event.anchorEnd), { nodes: 1, chars: length })
        break
      }
      case EVENT_ID.ALIAS: {
        aliases++
        const at = Math.max(0, event.anchorStart - 1)
        if (aliases > limits.maxAliases) return { message: `the file uses more than ${limits.maxAliases} aliases`, offset: at }
        const size = sizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? { nodes: 1, chars: 0 }
        const top = counts[counts.length - 1]
        top.nodes += size.nodes
        top.chars += size.chars
        chars += size.chars
        if (top.nodes > limits.maxExpandedNodes) return nodeBomb(at)
        if (chars > limits.maxExpandedBytes) return textBomb(at)
        break
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        counts.push({ nodes: 1, chars: 0 })
        anchors.push(event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : undefined)
        starts.push(event.start)
        break
      case EVENT_ID.POP: {
        if (counts.length <= 1) break
        const size = counts.pop()!
        const anchor = anchors.pop()
        const start = starts.pop()!
        if (anchor !== undefined) sizes.set(anchor, size)
        const top = counts[counts.length - 1]
        top.nodes += size.nodes
        top.chars += size.chars
        // The collection that just closed is the one that pushed its parent over the limit.
        if (top.nodes > limits.maxExpandedNodes) return nodeBomb(start)
        break
      }
      default:
        break
    }
  }
  return undefined
}
