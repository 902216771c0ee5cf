import { describe, expect, test } from '@jest/globals'
import { SHARED_HELPERS } from '../../src/core/cel/helpers.js'
import { MATURITY_HELPERS } from '../../src/core/maturity/maturity-environment.js'
import { HELPER_FUNCTIONS } from '../../src/core/rules/rule-environment.js'

// #20: rules and maturity checks share one helper table, so the two cannot drift again.
describe('one helper table for rules and maturity checks', () => {
  test('every shared helper is offered by both, with the same signature and description', () => {
    for (const helper of SHARED_HELPERS) {
      const entry = { signature: helper.signature, description: helper.description }
      expect(HELPER_FUNCTIONS).toContainEqual(entry)
      expect(MATURITY_HELPERS).toContainEqual(entry)
    }
  })
})
