import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { configJsonSchema, formatJsonSchema, modelJsonSchema } from '../../src/core/model/json-schema.js'

const REGENERATE = 'npm run generate'

const committed = [
  { file: 'schema/threatloop.schema.json', generate: modelJsonSchema },
  { file: 'schema/threatloop-config.schema.json', generate: configJsonSchema }
]

describe('committed JSON Schemas match the zod schemas', () => {
  test.each(committed)('$file is up to date', ({ file, generate }) => {
    const url = new URL(`../../${file}`, import.meta.url)
    const expected = formatJsonSchema(generate())
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(url, expected)
    const actual = existsSync(url) ? readFileSync(url, 'utf8') : ''
    if (actual !== expected) {
      throw new Error(`${file} differs from the schema generated from src/core; regenerate it with:\n  ${REGENERATE}`)
    }
    expect(actual).toBe(expected)
  })
})

describe('generated schema', () => {
  test('names itself and describes its element definitions', () => {
    const schema = modelJsonSchema()
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toBe('urn:threatloop:schema:threatmodel:1')
    expect(schema.title).toBe('Threatloop threat model')
    const defs = schema.$defs as Record<
      string,
      { title?: string; description?: string; properties?: Record<string, { description?: string }> }
    >
    for (const kind of [
      'Zone',
      'Asset',
      'Component',
      'Dataflow',
      'Actor',
      'Threat',
      'Mitigation',
      'Assumption',
      'Incident',
      'Suppression'
    ]) {
      expect(defs[kind].title).toEqual(expect.any(String))
      expect(defs[kind].description).toEqual(expect.any(String))
    }
    expect(defs.Zone.properties?.trust.description).toMatch(/untrusted/)
    expect((schema.properties as Record<string, { description?: string }>).threatloop.description).toMatch(/version/)
  })

  test('is deterministic', () => {
    expect(formatJsonSchema(modelJsonSchema())).toBe(formatJsonSchema(modelJsonSchema()))
    expect(formatJsonSchema(configJsonSchema())).toBe(formatJsonSchema(configJsonSchema()))
  })
})
