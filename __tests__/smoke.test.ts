import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { loadModel } from '../src/core/model/load.js'
import { formatProblem } from '../src/core/problems.js'

test('example loads', () => {
  const r = loadModel({ path: 'examples/payments-api.threatmodel.yaml', content: readFileSync('examples/payments-api.threatmodel.yaml') })
  console.log(r.problems.map(formatProblem).join('\n'))
  const bad = loadModel({ path: 'bad.yaml', content: 'threatloop: 2\nmodel:\n  id: x\n  titel: y\nthreats:\n  - id: T-1\n    title: a\n    likelihood: hihg\n    mitigations: [M-9]\n    risk:\n      fair:\n        lef: {min: 3, likely: 1, max: 2}\n  - id: T-1\n    title: b\n' })
  console.log(bad.problems.map(formatProblem).join('\n'))
  expect(r.model).toBeDefined()
})
