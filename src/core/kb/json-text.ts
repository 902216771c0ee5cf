// Positions inside JSON text. `JSON.parse` is fast but reports neither where a syntax error is in a
// form every runtime shares nor where a value sits; these scanners answer both, and run only when
// a problem has to be reported, so the fast path stays `JSON.parse`.

/** Where a JSON text stops being valid, and what was expected there. */
export interface JsonSyntaxError {
  offset: number
  message: string
}

const enum Expect {
  Value,
  Key,
  Colon,
  AfterValue
}

/** Finds the first syntax error of a JSON text (RFC 8259), or `undefined` when the text is valid. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const containers: number[] = [] // char codes of '{' and '['
  let state = Expect.Value
  let mayClose = false // right after '{' or '[': the container may close at once
  let i = skipWhitespace(text, 0)
  for (;;) {
    if (i >= text.length) {
      return state === Expect.AfterValue && containers.length === 0
        ? undefined
        : { offset: text.length, message: 'unexpected end of file: the JSON value is incomplete' }
    }
    const c = text.charCodeAt(i)
    const top = containers[containers.length - 1]
    switch (state) {
      case Expect.Value: {
        if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          containers.push(c)
          state = c === 0x7b ? Expect.Key : Expect.Value
          mayClose = true
          i++
          break
        }
        if (mayClose && c === 0x5d /* ] */ && top === 0x5b) {
          containers.pop()
          state = Expect.AfterValue
          mayClose = false
          i++
          break
        }
        const end = scalarEnd(text, i)
        if (typeof end !== 'number') return end
        i = end
        state = Expect.AfterValue
        mayClose = false
        break
      }
      case Expect.Key: {
        if (mayClose && c === 0x7d /* } */) {
          containers.pop()
          state = Expect.AfterValue
          mayClose = false
          i++
          break
        }
        if (c !== 0x22) return { offset: i, message: 'expected a property name in double quotes' }
        const end = stringEnd(text, i)
        if (typeof end !== 'number') return end
        i = end
        state = Expect.Colon
        mayClose = false
        break
      }
      case Expect.Colon:
        if (c !== 0x3a) return { offset: i, message: "expected ':' after the property name" }
        state = Expect.Value
        i++
        break
      case Expect.AfterValue: {
        if (top === undefined) return { offset: i, message: 'unexpected text after the end of the JSON value' }
        const close = top === 0x7b ? 0x7d : 0x5d
        if (c === 0x2c /* , */) {
          state = top === 0x7b ? Expect.Key : Expect.Value
          i++
        } else if (c === close) {
          containers.pop()
          i++
        } else {
          return {
            offset: i,
            message: top === 0x7b ? "expected ',' or '}' after the property value" : "expected ',' or ']' after the array element"
          }
        }
        break
      }
    }
    i = skipWhitespace(text, i)
  }
}

/** Offset just past the string starting at `start`, or the error inside it. */
function stringEnd(text: string, start: number): number | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) return i + 1
    if (c < 0x20) return { offset: i, message: 'control character inside a string (escape it, e.g. \\n)' }
    if (c === 0x5c /* \ */) {
      const e = text[i + 1]
      if (e === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
          return { offset: i, message: 'invalid \\u escape: expected four hex digits' }
        i += 5
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i++
      } else {
        return { offset: i, message: 'invalid escape sequence in a string' }
      }
    }
  }
  return { offset: start, message: 'unterminated string' }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y

/** Offset just past the string, number or literal at `start`, or why there is no value there. */
function scalarEnd(text: string, start: number): number | JsonSyntaxError {
  if (text.charCodeAt(start) === 0x22) return stringEnd(text, start)
  for (const pattern of [NUMBER, LITERAL]) {
    pattern.lastIndex = start
    if (pattern.test(text)) {
      const end = pattern.lastIndex
      // "1x" or "nullx" is not a value followed by a delimiter.
      if (end < text.length && /[\w.+-]/.test(text[end])) break
      return end
    }
  }
  return { offset: start, message: 'expected a JSON value (object, array, string, number, true, false or null)' }
}

function skipWhitespace(text: string, start: number): number {
  let i = start
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break
  }
  return i
}

/** Offset just past the (valid) value starting at `start`. */
function skipValue(text: string, start: number): number {
  const c = text.charCodeAt(start)
  if (c === 0x22) return stringEnd(text, start) as number
  if (c !== 0x7b && c !== 0x5b) {
    let i = start
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++
    return i
  }
  let depth = 0
  for (let i = start; i < text.length; i++) {
    const d = text.charCodeAt(i)
    if (d === 0x22) i = (stringEnd(text, i) as number) - 1
    else if (d === 0x7b || d === 0x5b) depth++
    else if (d === 0x7d || d === 0x5d) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return text.length
}

/**
 * Offset where the value at `path` (object keys and array indexes) starts in a valid JSON text,
 * or `undefined` when the path does not exist.
 */
export function locateJsonValue(text: string, path: readonly (string | number)[]): number | undefined {
  let i = skipWhitespace(text, 0)
  for (const part of path) {
    const c = text.charCodeAt(i)
    if (typeof part === 'number') {
      if (c !== 0x5b) return undefined
      i = skipWhitespace(text, i + 1)
      if (text.charCodeAt(i) === 0x5d) return undefined
      for (let index = 0; index < part; index++) {
        i = skipWhitespace(text, skipValue(text, i))
        if (text.charCodeAt(i) !== 0x2c) return undefined
        i = skipWhitespace(text, i + 1)
      }
    } else {
      if (c !== 0x7b) return undefined
      i = skipWhitespace(text, i + 1)
      for (;;) {
        if (text.charCodeAt(i) !== 0x22) return undefined
        const keyEnd = stringEnd(text, i) as number
        const key = JSON.parse(text.slice(i, keyEnd)) as string
        i = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1) // past ':'
        if (key === part) break
        i = skipWhitespace(text, skipValue(text, i))
        if (text.charCodeAt(i) !== 0x2c) return undefined
        i = skipWhitespace(text, i + 1)
      }
    }
  }
  return i
}
