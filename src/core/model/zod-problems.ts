import type { z } from 'zod'
import { formatChoices, formatDocumentPath, suggestClosest, type DocumentPath, type Problem } from '../problems.js'
import type { SourceMap } from './yaml-document.js'

/** How a document's schema problems are explained: its root schema and how to name an element at a path. */
export interface SchemaContext {
  rootSchema: z.ZodType
  /** Names the element a path points into, e.g. `{ kind: 'threat', id: 'T-1' }`. */
  ownerAt(root: unknown, path: DocumentPath): { kind: string; id: string } | undefined
}

export function valueAt(root: unknown, path: DocumentPath): unknown {
  let current = root
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = Object.hasOwn(current, part) ? (current as Record<string | number, unknown>)[part] : undefined
  }
  return current
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null (an empty value)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 60) + '…' : value}"`
  return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${value}` : typeof value
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  date: 'a date'
}

type ZodIssue = z.core.$ZodIssue

/** Turns one zod issue into precise problems: position, path, what was expected, and a suggestion. */
export function issueToProblems(file: string, issue: ZodIssue, root: unknown, sourceMap: SourceMap, context: SchemaContext): Problem[] {
  const path = issue.path as (string | number)[]
  const ownerElement = context.ownerAt(root, path)
  const elementId = ownerElement?.id
  const owner = ownerElement ? ` in ${ownerElement.kind} ${ownerElement.id}` : ''
  const make = (at: DocumentPath, message: string, code: string, key = false): Problem => ({
    file,
    ...sourceMap.locate(at, { key }),
    path: formatDocumentPath(at),
    severity: 'error',
    code,
    message,
    elementId
  })
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(context.rootSchema, path)
      return issue.keys.map((key) => {
        const suggestion = suggestClosest(key, known)
        let hint = suggestion ? `; did you mean \`${suggestion}\`?` : known.length > 0 ? `; expected one of: ${known.join(', ')}` : ''
        // `{ title: Edge (CDN, WAF) }` splits at the commas; the pieces become keys without values.
        if (!suggestion && valueAt(root, [...path, key]) === null && /[\s()]/.test(key)) {
          hint += '. If this is part of a text, quote the text: commas split entries inside `{ … }`'
        }
        return make([...path, key], `unknown key \`${key}\`${owner}${hint}`, 'schema/unknown-key', true)
      })
    }
    case 'invalid_value': {
      const actual = valueAt(root, path)
      const values = issue.values as (string | number | boolean | null)[]
      if (values.length === 1 && path.length === 1 && path[0] === 'threatloop') {
        return [
          make(
            path,
            actual === undefined ? 'missing `threatloop: 1`: the format version is required on the first line' : issue.message,
            'schema/version'
          )
        ]
      }
      const key = path[path.length - 1]
      if (actual === undefined && typeof key === 'string') {
        return [
          make(path.slice(0, -1), `missing required key \`${key}\`${owner}; expected one of ${formatChoices(values)}`, 'schema/missing-key')
        ]
      }
      const suggestion = typeof actual === 'string' ? suggestClosest(actual, values.map(String)) : undefined
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : ''
      return [make(path, `expected one of ${formatChoices(values)}${owner}, got ${describeValue(actual)}${hint}`, 'schema/invalid-value')]
    }
    case 'invalid_type': {
      const actual = valueAt(root, path)
      const key = path[path.length - 1]
      if (actual === undefined && typeof key === 'string') {
        return [make(path.slice(0, -1), `missing required key \`${key}\`${owner}`, 'schema/missing-key')]
      }
      if (issue.message && !issue.message.startsWith('Invalid input'))
        return [make(path, withOwner(issue.message, owner), 'schema/invalid-type')]
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected
      return [make(path, `expected ${expected}${owner}, got ${describeValue(actual)}`, 'schema/invalid-type')]
    }
    case 'invalid_union': {
      const actual = valueAt(root, path)
      const branches = issue.errors
      if (branches.length > 0) {
        // Pick the branch the value was most likely meant for: the one with the fewest issues.
        const best = [...branches].sort((a, b) => a.length - b.length)[0]
        const nested: ZodIssue[] = best.map((inner) => ({ ...inner, path: [...path, ...inner.path] }))
        if (nested.length > 0 && !(actual !== null && typeof actual !== 'object' && best.every((i) => i.code === 'invalid_type'))) {
          return nested.flatMap((inner) => issueToProblems(file, inner, root, sourceMap, context))
        }
      }
      return [make(path, `unexpected value${owner}: ${describeValue(actual)} matches none of the allowed forms`, 'schema/invalid-union')]
    }
    case 'too_small':
    case 'too_big': {
      const actual = valueAt(root, path)
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum)
      const relation = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'
      const what =
        issue.origin === 'string'
          ? `text of length ${relation} ${bound}`
          : issue.origin === 'array'
            ? `a list of ${relation} ${bound} items`
            : `a number ${relation} ${bound}`
      return [make(path, `expected ${what}${owner}, got ${describeValue(actual)}`, 'schema/out-of-range')]
    }
    case 'invalid_format':
      return [make(path, `${issue.message}${owner}, got ${describeValue(valueAt(root, path))}`, 'schema/invalid-format')]
    default: {
      if (issue.message.includes(', got ')) return [make(path, withOwner(issue.message, owner), 'schema/invalid')]
      const actual = valueAt(root, path)
      const got = actual === undefined || (actual !== null && typeof actual === 'object') ? '' : `, got ${describeValue(actual)}`
      return [make(path, `${issue.message}${owner}${got}`, 'schema/invalid')]
    }
  }
}

/** Names the owner before the offending value: "expected X in threat T-1, got Y". */
function withOwner(message: string, owner: string): string {
  const at = message.indexOf(', got ')
  return at >= 0 ? `${message.slice(0, at)}${owner}${message.slice(at)}` : `${message}${owner}`
}

interface SchemaDefinition {
  type: string
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  innerType?: z.ZodType
  in?: z.ZodType
  options?: z.ZodType[]
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def
}

/** The keys an object in the schema accepts at a document path (for "did you mean"). */
export function knownKeysAt(rootSchema: z.ZodType, path: DocumentPath): string[] {
  const keys = new Set<string>()
  for (const d of schemasAt(rootSchema, path)) if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k)
  return [...keys]
}

function schemasAt(rootSchema: z.ZodType, path: DocumentPath): SchemaDefinition[] {
  let candidates: z.ZodType[] = [rootSchema]
  for (const part of path) {
    candidates = candidates.flatMap((schema) =>
      unwrap(schema).flatMap((d) => {
        if (typeof part === 'number') return d.type === 'array' && d.element ? [d.element] : []
        return d.type === 'object' && d.shape && Object.hasOwn(d.shape, part) ? [d.shape[part]] : []
      })
    )
  }
  return candidates.flatMap(unwrap)
}

function unwrap(schema: z.ZodType): SchemaDefinition[] {
  const def = definitionOf(schema)
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) return unwrap(def.innerType)
  if (def.type === 'pipe' && def.in) return unwrap(def.in)
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap)
  return [def]
}
