import type { MaturityCheckSet } from './maturity-check-set.js'
import { MATURITY_LEVELS, SEED_LEVEL_NAMES } from './maturity-schema.js'

/** Markers around the generated part of docs/maturity.md. */
export const MATURITY_TABLE_START = '<!-- maturity-table:start (generated from rules/maturity by __tests__/maturity/docs.test.ts) -->'
export const MATURITY_TABLE_END = '<!-- maturity-table:end -->'

const EVIDENCE_WORDS: Record<string, string> = {
  model: 'model file',
  configuration: 'configuration',
  run: 'observed in this run'
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()
}

/**
 * The mapping table of docs/maturity.md: per category and level, what the seed asks (our words),
 * the checks that evidence it and where their evidence comes from; then each category's
 * interpretation of the seed.
 */
export function renderMaturityTable(checkSet: MaturityCheckSet): string {
  const out: string[] = ['| category | level | what the seed asks (our summary) | check | evidence |', '|---|---|---|---|---|']
  for (const category of checkSet.categories) {
    let first = true
    for (const level of MATURITY_LEVELS) {
      const seed = category.seed[level - 1]
      const name = `${level} ${SEED_LEVEL_NAMES[level]}`
      const title = first ? `**${cell(category.title)}** (\`${category.id}\`)` : ''
      first = false
      if (seed === null) {
        out.push(`| ${title} | ${name} | not defined by the seed: not scored | — | — |`)
        continue
      }
      const checks = category.levels[level - 1]
      if (checks.length === 0) {
        out.push(`| ${title} | ${name} | ${cell(seed)} | no check: nothing a review observes evidences it | — |`)
        continue
      }
      checks.forEach((check, i) => {
        const needs = check.definition.needs && check.definition.needs.length > 0 ? ` (needs: ${check.definition.needs.join(', ')})` : ''
        const explanation = check.definition.threshold
          ? check.definition.explanation.split('{threshold}').join(String(check.definition.threshold.default))
          : check.definition.explanation
        out.push(
          `| ${i === 0 ? title : ''} | ${i === 0 ? name : ''} | ${i === 0 ? cell(seed) : ''} | \`${category.id}.${check.id}\`: ${cell(explanation)} | ${EVIDENCE_WORDS[check.definition.evidence]}${needs} |`
        )
      })
    }
  }
  out.push('', '### How Threatloop reads the seed, per category', '')
  for (const category of checkSet.categories) {
    if (category.interpretation) out.push(`- **${cell(category.title)}**: ${cell(category.interpretation)}`)
  }
  return out.join('\n')
}
