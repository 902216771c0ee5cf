// The built-in rule files as the repository holds them (rules/builtin/**.yaml), sorted by path:
// what `npm run generate` compiles into builtin-rules.generated.ts. Tests read the files, not the
// generated module, for what only the files keep (examples, source text).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { BUILTIN_RULES_FOLDER } from '../../src/core/rules/builtin-rules-module.js'
import type { RuleText } from '../../src/core/rules/rule-set.js'

function ruleFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return ruleFiles(path)
    return /\.ya?ml$/.test(entry.name) ? [path] : []
  })
}

export const BUILTIN_RULE_TEXTS: readonly RuleText[] = ruleFiles(join(process.cwd(), BUILTIN_RULES_FOLDER))
  .map((path) => ({ path: relative(process.cwd(), path).split(sep).join('/'), text: readFileSync(path, 'utf8') }))
  .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
