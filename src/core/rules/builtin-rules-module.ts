import type { RuleText } from './rule-set.js'

/** Folder of the built-in rule files, relative to the repository root. */
export const BUILTIN_RULES_FOLDER = 'rules/builtin'

/** Command that regenerates the embedded copy of the built-in rules. */
export const REGENERATE_RULES_COMMAND = 'UPDATE_RULES=1 npm test -- __tests__/rules'

/**
 * Source of `builtin-rules.generated.ts`: the raw text of every built-in rule file, sorted by
 * path. The bundle embeds them because an action cannot rely on reading a folder at run time.
 */
export function renderBuiltinRulesModule(files: readonly RuleText[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const entries = sorted.map(
    (f) => `  {\n    path: ${JSON.stringify(f.path)},\n    text: ${JSON.stringify(f.text.replace(/\r\n?/g, '\n'))}\n  }`
  )
  return [
    `// Generated from ${BUILTIN_RULES_FOLDER}/**/*.yaml by __tests__/rules/builtin-rules.test.ts. Do not edit.`,
    `// Regenerate: ${REGENERATE_RULES_COMMAND}`,
    '',
    '/** Raw text of every built-in rule file, by repository-relative path. */',
    `export const BUILTIN_RULE_FILES: readonly { path: string; text: string }[] = [${entries.length > 0 ? `\n${entries.join(',\n')}\n` : ''}]`,
    ''
  ].join('\n')
}
