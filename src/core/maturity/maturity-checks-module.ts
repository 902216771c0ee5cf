import type { Problem } from '../problems.js'
import { loadMaturityChecks, parseMaturityFiles, type MaturityCheckText } from './maturity-check-set.js'

export type { MaturityCheckText } from './maturity-check-set.js'

/** Folder of the maturity check files, relative to the repository root. */
export const MATURITY_CHECKS_FOLDER = 'rules/maturity'

/** Command that regenerates the embedded copy of the maturity checks. */
export const REGENERATE_MATURITY_COMMAND = 'npm run generate'

/**
 * Source of `maturity-checks.generated.ts`: every category file parsed, validated and its CEL
 * compiled now (with positioned problems), stored as plain data so a run neither parses YAML nor
 * validates a schema for them. The module is rendered only when there are no problems.
 */
export function renderMaturityChecksModule(files: readonly MaturityCheckText[]): { module: string; problems: Problem[] } {
  const sorted = [...files]
    .map((f) => ({ path: f.path, text: f.text.replace(/\r\n?/g, '\n') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const { problems } = loadMaturityChecks(sorted)
  if (problems.length > 0) return { module: '', problems }
  const categories = parseMaturityFiles(sorted).parsed.map((p) => p.prepared)
  const module = [
    `// Generated from ${MATURITY_CHECKS_FOLDER}/*.yaml by \`${REGENERATE_MATURITY_COMMAND}\` (checked by __tests__/maturity/generated.test.ts). Do not edit.`,
    '// Each maturity category as it passed the schema, and where its checks and `assessed_when` are.',
    '',
    "import type { PreparedCategory } from './maturity-schema.js'",
    '',
    `export const EMBEDDED_MATURITY_CATEGORIES: readonly PreparedCategory[] = ${JSON.stringify(categories, null, 2)}`,
    ''
  ].join('\n')
  return { module, problems }
}
