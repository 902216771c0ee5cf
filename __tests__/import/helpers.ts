import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importModel, type ImportOptions, type ImportResult } from '../../src/core/import/index.js'
import { formatProblem } from '../../src/core/problems.js'

export const FIXTURES = '__tests__/fixtures/import'

/** Imports a fixture by its path under the fixtures folder, reading includes from the same tree. */
export function importFixture(name: string, options: ImportOptions = {}): ImportResult {
  const path = join(FIXTURES, name)
  return importModel(
    { path, content: readFileSync(path) },
    {
      readInclude: (include) => {
        try {
          return readFileSync(include, 'utf8')
        } catch {
          return undefined
        }
      },
      ...options
    }
  )
}

/** Problems as compiler-style lines, for readable assertion failures. */
export function problemLines(result: ImportResult): string[] {
  return result.problems.map(formatProblem)
}

/** Imports and requires a document; the failure message lists the problems. */
export function importOk(name: string, options: ImportOptions = {}): Required<Pick<ImportResult, 'document' | 'index'>> & ImportResult {
  const result = importFixture(name, options)
  if (!result.document || !result.index) throw new Error(`${name} did not import:\n${problemLines(result).join('\n')}`)
  return result as Required<Pick<ImportResult, 'document' | 'index'>> & ImportResult
}
