import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { readActionInputs } from '../../src/adapters/github/inputs.js'

interface ActionYaml {
  name: string
  description: string
  author: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; default?: string }>
}
const action = load(readFileSync('action.yml', 'utf8')) as ActionYaml

describe('action.yml as the Marketplace reads it', () => {
  test('the description is under 125 characters (the listing form refuses longer ones) and names, author and branding are set', () => {
    expect(action.description.length).toBeLessThan(125)
    expect(action.description.length).toBeGreaterThan(40)
    expect(action.name).toBe('Threatloop')
    expect(action.author).not.toBe('')
    expect(action.branding).toEqual({ icon: 'shield', color: 'blue' })
  })

  test('sarif-category: empty by default (no automationDetails), a category when set, refused when malformed', () => {
    expect(action.inputs['sarif-category']).toMatchObject({ default: '' })
    const read = (category: string) => readActionInputs((name) => ({ 'github-token': 't', 'sarif-category': category })[name] ?? '')
    expect(read('').inputs?.sarifCategory).toBeUndefined()
    expect(read('threatloop-payments').inputs?.sarifCategory).toBe('threatloop-payments')
    expect(read('two words').problems).toEqual([
      'input `sarif-category`: got "two words"; allowed: up to 100 letters, digits and . _ : / - (e.g. threatloop-payments)'
    ])
  })
})
