import { readFileSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { importModel, type ImportOptions, type ImportResult } from '../../src/core/import/index.js'
import { formatProblem } from '../../src/core/problems.js'

export const FIXTURES = '__tests__/fixtures/import'

/** Imports a fixture by its path under the fixtures folder, reading includes from the same tree. */
export function importFixture(name: string, options: ImportOptions = {}, as?: string): ImportResult {
  const path = join(FIXTURES, name)
  return importModel(
    { path: as ?? path, content: readFileSync(path) },
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
export function importOk(
  name: string,
  options: ImportOptions = {},
  as?: string
): Required<Pick<ImportResult, 'document' | 'index'>> & ImportResult {
  const result = importFixture(name, options, as)
  if (!result.document || !result.index) throw new Error(`${name} did not import:\n${problemLines(result).join('\n')}`)
  return result as Required<Pick<ImportResult, 'document' | 'index'>> & ImportResult
}

/**
 * Two versions of one model as a review reads them: both under one path (the file's path in the
 * repository), in the folder of the base fixture so includes resolve.
 */
export function importVersions(base: string, head: string): [ReturnType<typeof importOk>, ReturnType<typeof importOk>] {
  const as = join(FIXTURES, dirname(base), `model-under-review${extname(base)}`)
  return [importOk(base, {}, as), importOk(head, {}, as)]
}

/** Problems without the one-line note on rules skipped for the format. */
export function problemsBesidesSkippedRules(result: ImportResult): ImportResult['problems'] {
  return result.problems.filter((p) => p.code !== 'import/rules-skipped')
}
