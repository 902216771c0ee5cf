/**
 * Validates fake responses against the extracted OpenAPI subsets (openapi/*.json) with ajv.
 * `strict` additionally rejects properties a schema does not declare, so a misspelt or invented
 * field in a fake fails a test instead of passing silently.
 */
import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { ErrorObject, ValidateFunction } from 'ajv'

const Ajv2020 = Ajv2020Module.default
const addFormats = addFormatsModule.default

export type Platform = 'github' | 'gitlab'

interface SubsetDocument {
  $id: string
  $defs: Record<string, unknown>
}

export function loadSubset(platform: Platform): SubsetDocument {
  const file = new URL(`./openapi/${platform}-subset.json`, import.meta.url)
  return JSON.parse(readFileSync(file, 'utf8')) as SubsetDocument
}

/** Copies a schema, closing every object that lists `properties` (except inside `anyOf`/`oneOf` branches that reference others). */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects)
  if (node === null || typeof node !== 'object') return node
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) copy[key] = closeObjects(value)
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false
  return copy
}

export interface SchemaChecker {
  /** Returns ajv's errors as readable lines; empty when valid. */
  problems: (definition: string, value: unknown) => string[]
  definitions: string[]
}

export function createSchemaChecker(platform: Platform, options: { strict?: boolean } = {}): SchemaChecker {
  const subset = loadSubset(platform)
  const schema = options.strict ? (closeObjects(subset) as SubsetDocument) : subset
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  ajv.addSchema(schema)
  const cache = new Map<string, ValidateFunction>()
  const validator = (definition: string): ValidateFunction => {
    let fn = cache.get(definition)
    if (!fn) {
      if (!(definition in subset.$defs)) throw new Error(`no definition ${definition} in ${platform}-subset.json`)
      fn = ajv.getSchema(`${subset.$id}#/$defs/${definition}`)
      if (!fn) throw new Error(`ajv could not compile ${definition}`)
      cache.set(definition, fn)
    }
    return fn
  }
  const describe = (e: ErrorObject): string => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`
  return {
    definitions: Object.keys(subset.$defs),
    problems: (definition, value) => {
      const fn = validator(definition)
      return fn(value) ? [] : (fn.errors ?? []).map(describe)
    }
  }
}
