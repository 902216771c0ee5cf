// `npm run generate`: rewrites every generated file from its source, deterministically. Built and
// run by scripts/generate.mjs; `npm run package` runs it before bundling. Tests fail while any of
// these files is stale.
//   schema/threatloop.schema.json, schema/threatloop-config.schema.json  ← zod schemas in src/core
//   src/core/rules/builtin-rules.generated.ts                           ← rules/builtin/**.yaml (parsed, validated, compiled)
//   src/core/maturity/maturity-checks.generated.ts                      ← rules/maturity/*.yaml (parsed, validated, compiled)
//   the mapping table in docs/maturity.md                               ← rules/maturity/*.yaml
//   docs/rules/*.md (one page per built-in rule, and README.md)         ← rules/builtin/**.yaml
//     and the review-level rules' pages                                 ← their descriptors (REVIEW_RULE_PAGES in src/core/render/rule-docs.ts)
//   src/core/kb/bundled-*.generated.ts                                  ← kb/*.json (npm run kb:update refreshes kb/ from MITRE's files)
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { renderBundledModules } from '../src/core/kb/bundled.js'
import { CATALOGUE_KINDS, EXTRACT_FILES, parseExtract, type CatalogueExtract, type CatalogueKind } from '../src/core/kb/extract.js'
import { loadMaturityChecks } from '../src/core/maturity/maturity-check-set.js'
import { MATURITY_CHECKS_FOLDER, renderMaturityChecksModule } from '../src/core/maturity/maturity-checks-module.js'
import { MATURITY_TABLE_END, MATURITY_TABLE_START, renderMaturityTable } from '../src/core/maturity/maturity-docs.js'
import { configJsonSchema, formatJsonSchema, modelJsonSchema } from '../src/core/model/json-schema.js'
import { renderRuleDocPages } from '../src/core/render/rule-docs.js'
import { BUILTIN_RULES_FOLDER, renderBuiltinRulesModule } from '../src/core/rules/builtin-rules-module.js'

const written: string[] = []
function write(path: string, content: string): void {
  let before: string | undefined
  try {
    before = readFileSync(path, 'utf8')
  } catch {
    before = undefined
  }
  if (before === content) return
  writeFileSync(path, content)
  written.push(path)
}

function yamlFiles(folder: string): { path: string; text: string }[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) return yamlFiles(path)
      return /\.ya?ml$/.test(entry.name) ? [{ path: relative('.', path).split(sep).join('/'), text: readFileSync(path, 'utf8') }] : []
    })
}

function main(): number {
  write('schema/threatloop.schema.json', formatJsonSchema(modelJsonSchema()))
  write('schema/threatloop-config.schema.json', formatJsonSchema(configJsonSchema()))
  const ruleFiles = yamlFiles(BUILTIN_RULES_FOLDER)
  const rules = renderBuiltinRulesModule(ruleFiles)
  for (const p of rules.problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message}`)
  if (rules.problems.length > 0) return 1
  write('src/core/rules/builtin-rules.generated.ts', rules.module)
  const pages = renderRuleDocPages(ruleFiles)
  for (const file of readdirSync('docs/rules'))
    if (file.endsWith('.md') && !pages.has(file)) {
      unlinkSync(join('docs/rules', file))
      written.push(join('docs/rules', file))
    }
  for (const [file, text] of pages) write(join('docs/rules', file), text)
  const maturityFiles = yamlFiles(MATURITY_CHECKS_FOLDER)
  const maturityModule = renderMaturityChecksModule(maturityFiles)
  for (const p of maturityModule.problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message}`)
  if (maturityModule.problems.length > 0) return 1
  write('src/core/maturity/maturity-checks.generated.ts', maturityModule.module)
  const maturity = loadMaturityChecks(maturityFiles)
  const doc = readFileSync('docs/maturity.md', 'utf8')
  const start = doc.indexOf(MATURITY_TABLE_START)
  const end = doc.indexOf(MATURITY_TABLE_END)
  if (start < 0 || end < start) {
    console.error('docs/maturity.md has lost its maturity-table markers')
    return 1
  }
  write(
    'docs/maturity.md',
    `${doc.slice(0, start + MATURITY_TABLE_START.length)}\n\n${renderMaturityTable(maturity.checkSet)}\n\n${doc.slice(end)}`
  )
  const extracts = {} as Record<CatalogueKind, CatalogueExtract>
  for (const kind of CATALOGUE_KINDS) {
    const path = `kb/${EXTRACT_FILES[kind]}`
    const parsed = parseExtract(readFileSync(path, 'utf8'), path)
    if (!parsed.extract) {
      for (const p of parsed.problems) console.error(`${p.file}: ${p.message}`)
      return 1
    }
    extracts[kind] = parsed.extract
  }
  const modules = renderBundledModules(extracts)
  write('src/core/kb/bundled-catalogues.generated.ts', modules.catalogues)
  write('src/core/kb/bundled-release.generated.ts', modules.releases)
  console.log(written.length === 0 ? 'generate: every generated file is up to date' : `generate: rewrote ${written.join(', ')}`)
  return 0
}

process.exitCode = main()
