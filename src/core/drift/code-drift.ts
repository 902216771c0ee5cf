/**
 * Code drift: the code a component stands for changed in a change set while the model file that
 * describes the component did not. Components declare their code with `code: [globs]`
 * (picomatch, relative to the repository root); files mapped to no component are never reported.
 * Pure: the adapter supplies the list of changed files.
 */
import picomatch from 'picomatch'
import type { Component, ModelDocument, Severity } from '../model/schema.js'
import { findingId, type Finding } from '../findings.js'
import type { ReviewRulePage, RuleDescriptor } from '../report/rule-descriptor.js'
import type { Problem } from '../problems.js'

/** At most this many files are listed per component; the rest are counted. */
export const DRIFT_FILES_LISTED = 10
/** At most this many changed files are matched (a larger change set is cut, and says so). */
export const DRIFT_FILES_MATCHED = 20_000

export interface CodeDriftModel {
  modelId: string
  /** Repository-relative path of the model file at the head. */
  file: string
  /** Path of the same model at the base, when it moved. */
  baseFile?: string
  document: ModelDocument
  /** Position (1-based line) of a component's entry in the model file. */
  lineOf?: (componentId: string) => number | undefined
  /** Owners taken from the CODEOWNERS file the model names, for components without an `owner`. */
  derivedOwners?: ReadonlyMap<string, readonly string[]>
}

export interface CodeDriftItem {
  modelId: string
  component: string
  /** Changed files of the component, sorted, at most DRIFT_FILES_LISTED. */
  files: string[]
  /** How many more changed files of the component were left out of `files`. */
  moreFiles: number
  modelFile: string
  /** The model's `reviewed:` date, or null when it has none. */
  lastReviewed: string | null
  /** Line of the component in the model file, for annotations and reports. */
  line: number | null
  /** Who owns the component: its `owner`, else the owners CODEOWNERS gives its code; empty when unknown. */
  owners: string[]
  /** True when `owners` come from the CODEOWNERS file the model names, not from the model. */
  ownersFromCodeOwners: boolean
}

export interface CodeDriftResult {
  items: CodeDriftItem[]
  /** Components that declare `code` (over all models), for maturity evidence. */
  mappedComponents: number
  components: number
  /** True when the change set was larger than DRIFT_FILES_MATCHED and was cut. */
  truncated: boolean
}

type Matcher = (path: string) => boolean

/** Compiles a component's globs once; an unusable glob matches nothing (validation reports it). */
export function codeMatcher(globs: readonly string[]): Matcher {
  const usable = globs.filter((g) => g.length > 0 && g.length <= 500)
  if (usable.length === 0) return () => false
  try {
    return picomatch(usable, { dot: true, strictBrackets: true })
  } catch {
    return () => false
  }
}

/** Normalises a changed path to the repository-relative form globs are written in. */
function normalise(path: string): string {
  return path.replace(/^\.\/+/, '')
}

/**
 * Finds components whose code changed while their model file did not. `changedFiles` lists the
 * repository-relative paths the change touched (added, modified, deleted or renamed, both names
 * of a rename); a model is touched when its file (at head or base) is among them.
 */
export function computeCodeDrift(models: readonly CodeDriftModel[], changedFiles: readonly string[]): CodeDriftResult {
  const truncated = changedFiles.length > DRIFT_FILES_MATCHED
  const changed = [...new Set(changedFiles.slice(0, DRIFT_FILES_MATCHED).map(normalise))]
    .filter((p) => p.length > 0 && !p.includes('\n'))
    .sort()
  const changedSet = new Set(changed)
  const items: CodeDriftItem[] = []
  let mappedComponents = 0
  let components = 0
  for (const model of models) {
    const comps: readonly Component[] = model.document.components ?? []
    components += comps.length
    const touched = changedSet.has(model.file) || (model.baseFile !== undefined && changedSet.has(model.baseFile))
    for (const component of comps) {
      if (!component.code || component.code.length === 0) continue
      mappedComponents++
      if (touched) continue
      const matches = codeMatcher(component.code)
      // The model file itself never counts as the component's code.
      const files = changed.filter((path) => path !== model.file && matches(path))
      if (files.length === 0) continue
      const derived = model.derivedOwners?.get(component.id)
      items.push({
        modelId: model.modelId,
        component: component.id,
        files: files.slice(0, DRIFT_FILES_LISTED),
        moreFiles: Math.max(0, files.length - DRIFT_FILES_LISTED),
        modelFile: model.file,
        lastReviewed: model.document.model.reviewed ?? null,
        line: model.lineOf?.(component.id) ?? null,
        owners: derived ? [...derived] : component.owner ? [component.owner] : [],
        ownersFromCodeOwners: derived !== undefined
      })
    }
  }
  items.sort((a, b) =>
    a.modelId === b.modelId ? (a.component < b.component ? -1 : a.component > b.component ? 1 : 0) : a.modelId < b.modelId ? -1 : 1
  )
  return { items, mappedComponents, components, truncated }
}

/** `code` globs of a model that match no file of the repository (stale mappings). */
export function staleCodeGlobs(document: ModelDocument, repositoryFiles: readonly string[]): { component: string; glob: string }[] {
  const stale: { component: string; glob: string }[] = []
  for (const component of document.components ?? []) {
    for (const glob of component.code ?? []) {
      const matches = codeMatcher([glob])
      if (!repositoryFiles.some((path) => matches(path))) stale.push({ component: component.id, glob })
    }
  }
  return stale
}

/** One CODEOWNERS rule: a pattern and its owners, in file order (the last match wins). */
export interface CodeOwnersRule {
  pattern: string
  owners: string[]
  line: number
}

/** Parses a CODEOWNERS file (GitHub/GitLab syntax; GitLab sections and optional markers ignored). */
export function parseCodeOwners(text: string): CodeOwnersRule[] {
  const rules: CodeOwnersRule[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length && rules.length < 5_000; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#') || /^\^?\[[^\]]*\]/.test(line)) continue
    const parts = line.split(/\s+/)
    const pattern = parts[0].replace(/\\ /g, ' ')
    const owners = parts.slice(1).filter((o) => /^@[\w.\-/]+$|^[^@\s]+@[^@\s]+$/.test(o))
    rules.push({ pattern, owners, line: i + 1 })
  }
  return rules
}

/** Converts a CODEOWNERS pattern (gitignore-like) into a picomatch matcher. */
function codeOwnersMatcher(pattern: string): Matcher {
  let glob = pattern
  const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/')
  glob = glob.replace(/^\//, '')
  if (glob.endsWith('/')) glob = `${glob}**`
  if (!anchored) glob = `**/${glob}`
  try {
    const exact = picomatch(glob, { dot: true })
    const inside = picomatch(`${glob}/**`, { dot: true })
    return (path) => exact(path) || inside(path)
  } catch {
    return () => false
  }
}

/** The owners CODEOWNERS gives a path (last matching rule), or an empty list. */
export function ownersOf(path: string, rules: readonly CodeOwnersRule[], matchers?: Matcher[]): string[] {
  const compiled = matchers ?? rules.map((r) => codeOwnersMatcher(r.pattern))
  for (let i = rules.length - 1; i >= 0; i--) if (compiled[i](path)) return rules[i].owners
  return []
}

/** A bound on the work of deriving owners: path-matcher evaluations left; `exhausted` once it ran out. */
export interface WorkBudget {
  remaining: number
  exhausted: boolean
}

/**
 * Owners derived from CODEOWNERS for components that have `code` but no `owner`: the owners of the
 * component's files in the repository, most frequent first (ties by name). Components with an
 * owner, or whose files CODEOWNERS does not cover, are left out. `budget` bounds the matching
 * (components × files, and rules per file); components not finished when it runs out are left out.
 */
export function deriveComponentOwners(
  document: ModelDocument,
  codeOwners: readonly CodeOwnersRule[],
  repositoryFiles: readonly string[],
  budget: WorkBudget = { remaining: Number.POSITIVE_INFINITY, exhausted: false }
): Map<string, string[]> {
  const derived = new Map<string, string[]>()
  const compiled = codeOwners.map((r) => codeOwnersMatcher(r.pattern))
  // Each file's owners are looked up once, whichever components share it.
  const ownersByPath = new Map<string, string[]>()
  components: for (const component of document.components ?? []) {
    if (component.owner || !component.code || component.code.length === 0) continue
    if (budget.remaining < repositoryFiles.length) {
      budget.exhausted = true
      break
    }
    budget.remaining -= repositoryFiles.length
    const matches = codeMatcher(component.code)
    const counts = new Map<string, number>()
    for (const path of repositoryFiles) {
      if (!matches(path)) continue
      let owners = ownersByPath.get(path)
      if (owners === undefined) {
        // A component cut short gets no owners (a partial count could name the wrong ones).
        if (budget.remaining < compiled.length) {
          budget.exhausted = true
          break components
        }
        budget.remaining -= compiled.length
        owners = ownersOf(path, codeOwners, compiled)
        ownersByPath.set(path, owners)
      }
      for (const owner of owners) counts.set(owner, (counts.get(owner) ?? 0) + 1)
    }
    if (counts.size === 0) continue
    derived.set(
      component.id,
      [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([owner]) => owner)
    )
  }
  return derived
}

/** CODEOWNERS files larger than this are not read (a warning says so). */
export const CODE_OWNERS_MAX_BYTES = 512 * 1024
/** Path-matcher evaluations allowed to derive the owners of one model's components. */
export const CODE_OWNERS_MAX_WORK = 5_000_000
/** At most this many derived owners are given to one component. */
export const CODE_OWNERS_PER_COMPONENT = 5

/** What the adapter found at the path a model names in `code_owners_file`. */
export type CodeOwnersRead = { text: string } | { missing: true } | { tooLarge: number } | { refused: string }

/** The CODEOWNERS files one side's models name (by that path) and the side's repository files. */
export interface CodeOwnersSide {
  files: ReadonlyMap<string, CodeOwnersRead>
  repositoryFiles: readonly string[]
}

/**
 * The owners a model's CODEOWNERS file gives its components that have code but no `owner`, and
 * warnings positioned on `model.code_owners_file` when the file cannot be used (missing, too large,
 * outside the repository) or the work bound cut the derivation short.
 */
export function codeOwnersOfModel(
  file: string,
  document: ModelDocument,
  read: CodeOwnersRead | undefined,
  repositoryFiles: readonly string[],
  locate: (path: (string | number)[]) => { line: number; column: number }
): { owners: Map<string, string[]>; problems: Problem[] } {
  const path = document.model.code_owners_file
  if (path === undefined) return { owners: new Map(), problems: [] }
  const problems: Problem[] = []
  const warn = (code: string, message: string): void => {
    const position = locate(['model', 'code_owners_file'])
    problems.push({
      file,
      line: position.line,
      column: position.column,
      path: 'model.code_owners_file',
      severity: 'warning',
      code,
      message
    })
  }
  const unused = 'components without an `owner` get none from it'
  if (read === undefined || 'missing' in read) {
    warn('drift/code-owners-missing', `code_owners_file \`${path}\` is not a file of the repository at this commit; ${unused}`)
    return { owners: new Map(), problems }
  }
  if ('tooLarge' in read) {
    warn(
      'drift/code-owners-too-large',
      `code_owners_file \`${path}\` is ${read.tooLarge} bytes, over the ${CODE_OWNERS_MAX_BYTES}-byte limit; ${unused}`
    )
    return { owners: new Map(), problems }
  }
  if ('refused' in read) {
    warn('drift/code-owners-outside-repository', `code_owners_file \`${path}\` was not read (${read.refused}); ${unused}`)
    return { owners: new Map(), problems }
  }
  const budget: WorkBudget = { remaining: CODE_OWNERS_MAX_WORK, exhausted: false }
  const owners = deriveComponentOwners(document, parseCodeOwners(read.text), repositoryFiles, budget)
  for (const [id, list] of owners) owners.set(id, list.slice(0, CODE_OWNERS_PER_COMPONENT))
  if (budget.exhausted)
    warn(
      'drift/code-owners-work-bound',
      `deriving owners from \`${path}\` stopped at its work bound (${CODE_OWNERS_MAX_WORK} path matches); some components got no owner from it`
    )
  return { owners, problems }
}

/** Rule id of the drift finding, and its default severity. */
export const CODE_DRIFT_RULE_ID = 'code-changed-model-untouched'

/** Report descriptor of the drift finding (SARIF rule, Code Quality check name). */
export const CODE_DRIFT_RULE: RuleDescriptor = {
  id: CODE_DRIFT_RULE_ID,
  title: 'Code changed, its threat model did not',
  severity: 'low',
  description:
    'Files mapped to this component with `code:` globs changed in this change, but the model file that describes the component did not.',
  helpMarkdown:
    "## Why it matters\n\nA threat model that does not follow the code it describes falls behind the system: new entry points, data and trust decisions go unreviewed.\n\n## How to fix\n\nUpdate the component, its flows and threats in the model file to match the change; if nothing relevant changed, bump the model's `reviewed:` date in the same change to record that it was checked.",
  helpText:
    'Why it matters: a threat model that does not follow the code it describes falls behind the system. How to fix: update the model to match the change, or bump its `reviewed:` date in the same change to record that it was checked.',
  category: 'drift',
  tags: ['drift']
}

/** What the generated page docs/rules/code-changed-model-untouched.md adds to the descriptor. */
export const CODE_DRIFT_RULE_PAGE: ReviewRulePage = {
  rule: CODE_DRIFT_RULE,
  source: 'src/core/drift/code-drift.ts',
  appliesTo: 'component',
  configuration: [
    '- `code:` on a component (repository-relative picomatch globs) says which files it stands for. Components without `code:` and files no glob matches are never reported; a glob that matches no file of the repository gets the warning `drift/stale-code-glob`.',
    "- The files are the change's own: a pull or merge request's diff from the merge base, a push's `before..after`, or `threatloop review --base`. At most 20,000 changed files are matched; a larger change is cut, and the review says so.",
    '- `model.code_owners_file` gives components with `code:` but no `owner:` the owners named in a CODEOWNERS file; the drift line shows them.',
    '- The gate condition `model-drift` is off by default: list it under `gate.warn_on` or `gate.fail_on` in `.threatloop.yaml` (read from the base branch on pull and merge requests). It applies to pull and merge requests only; on pushes drift is informative. Each finding is also a new `low` finding, so `new-finding-low` in `gate.fail_on` counts it.',
    '- `rules.disable` in `.threatloop.yaml` turns drift off (no drift line, no finding, nothing for `model-drift` to gate on); `rules.severity` sets the level of its findings.',
    '',
    'See [model-format.md](../model-format.md#code-the-model-stands-for-code-drift).'
  ].join('\n'),
  suppressible: false,
  suppression: [
    "Drift belongs to one change, so `suppressions:` entries do not apply to it (a model's suppression naming this rule is reported as `suppression-rule-not-suppressible`). When you have checked that the change needs no update of the model, say so in the same change: touch the model file (bumping its `reviewed:` date is enough), which clears the drift for all of that model's components.",
    '',
    "To stop watching some of a component's code for good, narrow or remove its `code:` globs; to stop drift for the whole repository, list the rule under `rules.disable` in `.threatloop.yaml`."
  ].join('\n')
}

/** The finding that reports one drift item on the component's line, at the rule's severity (`rules.severity` may set it). */
export function codeDriftFinding(item: CodeDriftItem, severity: Severity = CODE_DRIFT_RULE.severity): Finding {
  const count = item.files.length + item.moreFiles
  return {
    id: findingId(CODE_DRIFT_RULE_ID, [item.component]),
    ruleId: CODE_DRIFT_RULE_ID,
    title: CODE_DRIFT_RULE.title,
    severity,
    message: `the code of component ${item.component} changed (${count} ${count === 1 ? 'file' : 'files'}: ${item.files.slice(0, 3).join(', ')}${count > 3 ? ', …' : ''}) but ${item.modelFile} did not; update the model or bump its \`reviewed:\` date`,
    modelId: item.modelId,
    file: item.modelFile,
    elementIds: [item.component],
    position: { line: item.line ?? 1, column: 1 },
    category: 'drift'
  }
}

/**
 * Warnings for `code` globs that match no file of the repository (a stale mapping: the code moved
 * or was removed), positioned on the glob. `locate` maps a document path to its position.
 */
export function staleCodeGlobProblems(
  file: string,
  document: ModelDocument,
  repositoryFiles: readonly string[],
  locate: (path: (string | number)[]) => { line: number; column: number }
): Problem[] {
  const problems: Problem[] = []
  const stale = staleCodeGlobs(document, repositoryFiles)
  const components = document.components ?? []
  for (const { component, glob } of stale) {
    const index = components.findIndex((c) => c.id === component)
    const globIndex = components[index]?.code?.indexOf(glob) ?? 0
    const position = locate(['components', index, 'code', globIndex])
    problems.push({
      file,
      line: position.line,
      column: position.column,
      path: `components[${index}].code[${globIndex}]`,
      severity: 'warning',
      code: 'drift/stale-code-glob',
      message: `code glob \`${glob}\` of component ${component} matches no file in the repository; update the mapping (the code may have moved)`,
      elementId: component
    })
  }
  return problems
}
