import { expect, test } from '@jest/globals'
import { resolveConfig } from '../../src/core/config/load.js'
import { normalizeRepositoryPath, selectModelFiles } from '../../src/core/config/model-globs.js'

const LISTED = [
  'models/a.threatmodel.yaml',
  'models/service.otm',
  'deploy/threagile-prod.yaml',
  'docs/payments-threat-model.json',
  'docs/readme.md',
  'node_modules/x/y.threatmodel.yaml',
  'notes/free.yaml'
]

test("default selection: native and other tools' names, broad names only as tentative, ignores applied", () => {
  const selection = selectModelFiles(LISTED, resolveConfig())
  expect(selection.files).toEqual([
    'deploy/threagile-prod.yaml',
    'docs/payments-threat-model.json',
    'models/a.threatmodel.yaml',
    'models/service.otm'
  ])
  expect([...selection.tentative].sort()).toEqual(['deploy/threagile-prod.yaml', 'docs/payments-threat-model.json'])
  expect(selection.missing).toEqual([])
})

test('requested folders narrow the selection; requested files are read whatever the globs say; unknown paths are reported', () => {
  const selection = selectModelFiles(LISTED, resolveConfig(), ['models/', 'notes/free.yaml', 'nowhere'])
  expect(selection.files).toEqual(['models/a.threatmodel.yaml', 'models/service.otm', 'notes/free.yaml'])
  expect([...selection.explicit]).toEqual(['notes/free.yaml'])
  expect(selection.missing).toEqual(['nowhere'])
  expect(selectModelFiles(LISTED, resolveConfig(), ['.']).files).toHaveLength(4)
})

test('configured globs replace the defaults, broad names included', () => {
  const selection = selectModelFiles(LISTED, resolveConfig({ models: ['notes/**/*.yaml'] }))
  expect(selection.files).toEqual(['notes/free.yaml'])
  expect(selection.tentative.size).toBe(0)
})

test('requested paths are normalised and may not climb above the root', () => {
  expect(normalizeRepositoryPath('./a//b/../c/')).toBe('a/c')
  expect(normalizeRepositoryPath('.')).toBe('')
  expect(normalizeRepositoryPath('../x')).toBeUndefined()
})
