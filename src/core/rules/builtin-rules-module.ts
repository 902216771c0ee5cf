import type { Problem } from '../problems.js'
import { parseRuleFile, type PreparedRule } from './rule-schema.js'
import { loadRuleSet, type RuleText } from './rule-set.js'

/** Folder of the built-in rule files, relative to the repository root. */
export const BUILTIN_RULES_FOLDER = 'rules/builtin'

/** Command that regenerates the embedded copy of the built-in rules. */
export const REGENERATE_RULES_COMMAND = 'npm run generate'

/**
 * Source of `builtin-rules.generated.ts`: every built-in rule file parsed, validated and its CEL
 * compiled now (the full path custom rules take, with positioned problems), stored as plain data
 * so a run neither parses YAML nor validates a schema for them. `examples` are left out: only the
 * tests and docs/rules use them, and they read the rule files. The module is rendered only when
 * there are no problems.
 */
export function renderBuiltinRulesModule(files: readonly RuleText[]): { module: string; problems: Problem[] } {
  const sorted = [...files]
    .map((f) => ({ path: f.path, text: f.text.replace(/\r\n?/g, '\n') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const { problems } = loadRuleSet({ builtin: false, custom: sorted })
  if (problems.length > 0) return { module: '', problems }
  const rules = sorted.map((file): PreparedRule => {
    const parsed = parseRuleFile(file.path, file.text).rule!
    const rule = { ...parsed.rule }
    delete rule.examples
    return { file: file.path, rule, severity: parsed.severity, conditionPosition: parsed.sourceMap.locate(['condition']) }
  })
  const module = [
    `// Generated from ${BUILTIN_RULES_FOLDER}/**/*.yaml by \`${REGENERATE_RULES_COMMAND}\` (checked by __tests__/rules/builtin-rules.test.ts). Do not edit.`,
    '// Each built-in rule as it passed the schema, without its examples, and where its `condition` is.',
    '',
    "import type { PreparedRule } from './rule-schema.js'",
    '',
    `export const BUILTIN_RULES: readonly PreparedRule[] = ${JSON.stringify(rules, null, 2)}`,
    ''
  ].join('\n')
  return { module, problems }
}
