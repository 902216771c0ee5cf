import type { ResolvedConfig } from '../../core/config/load.js'
import { loadRepositoryConfig } from '../../core/config/load.js'
import { loadBundledKnowledgeBase, oldestDate } from '../../core/kb/bundled.js'
import { CATALOGUE_KINDS } from '../../core/kb/extract.js'
import { loadKnowledgeBase, type CatalogueText } from '../../core/kb/load-knowledge-base.js'
import { unobservedEvidence, type ObservedEvidence } from '../../core/review/observed.js'
import type { KnowledgeBase } from '../../core/kb/knowledge-base.js'
import type { Problem } from '../../core/problems.js'
import { gateSettingsFromConfig, type GateSettings } from '../../core/report/gate.js'
import { reviewChange, reviewRiskOptions, withApprovalEvidence, type ReviewIssueSettings } from '../../core/review/review.js'
import { startRiskAssessment, type StartedAssessment } from '../../core/risk/assess.js'
import { simulationThreads } from './simulation-threads.js'
import type { ApprovalEvidence, ApprovalRequirement } from '../../core/value/approvals.js'
import type { Review, ReviewContext } from '../../core/review/types.js'
import { loadRuleSet, type RuleSet, type RuleText } from '../../core/rules/rule-set.js'
import { CONFIG_FILE, VERSION } from '../../core/domain.js'
import { posix } from 'node:path'
import { CODE_OWNERS_MAX_BYTES, type CodeOwnersRead, type CodeOwnersSide } from '../../core/drift/code-drift.js'
import { loadModelFile, type ModelFileResult } from '../../core/review/load-model-file.js'
import { discoverModels } from '../fs/discovery.js'
import type { Snapshot } from './snapshot.js'

/** Where the configuration and custom rules are read from. */
export type ConfigSource = 'base' | 'head'

export interface RunReviewOptions {
  base: Snapshot | null
  head: Snapshot
  context: Omit<ReviewContext, 'base' | 'head'>
  /**
   * Restrict the review to these repository-relative files and folders (as `requestedPaths` makes
   * them from what was typed). A file named here is read whatever the globs say.
   */
  paths?: readonly string[]
  /** Read `.threatloop.yaml` and custom rules from the base (trusted) or the head side. */
  configFrom?: ConfigSource
  configPath?: string
  /** Overrides of the gate from platform inputs; the configuration's gate otherwise. */
  gate?: Partial<GateSettings>
  issues?: Omit<ReviewIssueSettings, 'existing'> & { existing: ReviewIssueSettings['existing'] }
  risk?: { iterations?: number; seed?: number }
  /** Repository paths the change touched (for code drift); undefined when unknown. */
  changedFiles?: readonly string[]
  /** Outputs this run writes, for the maturity checks (comment, summary, SARIF, Code Quality). */
  outputs?: { comment?: boolean; summary?: boolean; json?: boolean; sarif?: boolean; codeQuality?: boolean }
  /** What the run observed on its platform; its knowledgeBaseDate is filled in from the catalogues used when null. */
  observed?: ObservedEvidence
  /**
   * Reads the approving reviews of the change, asked only when the change adds or changes an
   * acceptance or suppression that needs approval (`approvals:` in the configuration); null when
   * they could not be read. Absent: approvals stay unproven ("could not be read").
   */
  approvalEvidence?: (requirements: readonly ApprovalRequirement[]) => Promise<ApprovalEvidence | null>
}

export interface RunReviewResult {
  review: Review
  /** The rules that ran (for SARIF rule metadata). */
  ruleSet: RuleSet
  config: ResolvedConfig | undefined
  /** Problems that make the run itself unusable (broken configuration): exit 2. */
  configurationProblems: Problem[]
  /** Oldest release date of the knowledge-base catalogues used (configured or bundled), for ObservedEvidence. */
  knowledgeBaseDate: string | null
}

/** A text file of the trusted side; a problem when it resolves outside the repository. */
async function readText(
  snapshot: Snapshot,
  path: string,
  maxBytes: number,
  problems: Problem[],
  configPath: string,
  at: string
): Promise<string | undefined> {
  const read = (await snapshot.readFiles([path], maxBytes)).get(path)
  if (read && 'refused' in read) {
    problems.push({
      file: configPath,
      line: 1,
      column: 1,
      path: at,
      severity: 'error',
      code: 'config/outside-repository',
      message: read.refused
    })
    return undefined
  }
  return read && 'content' in read ? new TextDecoder().decode(read.content) : undefined
}

/** A repository-relative path that stays inside the repository once resolved, without control characters. */
function containedPath(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- a path with control characters is refused, not read
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return undefined
  const resolved = posix.normalize(posix.join('/', path)).slice(1)
  return resolved === '' || resolved.startsWith('../') ? undefined : resolved
}

/**
 * The CODEOWNERS files the loaded models of one side name (`model.code_owners_file`), read from
 * that side (at most CODE_OWNERS_MAX_BYTES each; a path that resolves outside the repository is
 * refused), with the side's file list; undefined when no model names one.
 */
async function readCodeOwners(snapshot: Snapshot, loaded: readonly ModelFileResult[]): Promise<CodeOwnersSide | undefined> {
  const named = [...new Set(loaded.flatMap((r) => r.model?.document.model.code_owners_file ?? []))]
  if (named.length === 0) return undefined
  const files = new Map<string, CodeOwnersRead>()
  const wanted = new Map<string, string>()
  for (const path of named) {
    const inside = containedPath(path)
    if (inside === undefined) files.set(path, { refused: 'the path leaves the repository' })
    else wanted.set(path, inside)
  }
  const reads = await snapshot.readFiles([...new Set(wanted.values())], CODE_OWNERS_MAX_BYTES)
  for (const [path, inside] of wanted) {
    const read = reads.get(inside)
    if (!read) files.set(path, { missing: true })
    else if ('refused' in read) files.set(path, { refused: read.refused })
    else if ('size' in read) files.set(path, { tooLarge: read.size })
    else files.set(path, { text: new TextDecoder('utf-8', { fatal: false }).decode(read.content) })
  }
  return { files, repositoryFiles: await snapshot.listFiles() }
}

/** Reads both sides, the configuration, rules and knowledge base, and runs the core review. */
export async function runReview(options: RunReviewOptions): Promise<RunReviewResult> {
  const configSide = options.configFrom === 'base' && options.base ? options.base : options.head
  const configPath = options.configPath ?? CONFIG_FILE
  const refusals: Problem[] = []
  const configText = await readText(configSide, configPath, 1024 * 1024, refusals, configPath, '')
  const configResult = refusals.length > 0 ? { config: undefined, problems: refusals } : loadRepositoryConfig(configPath, configText)
  const problems: Problem[] = [...configResult.problems]
  const config = configResult.config
  if (!config) {
    const emptyRules = loadRuleSet({ builtin: false }).ruleSet
    const review = reviewChange(
      null,
      { files: [] },
      { ...options.context, base: null, head: { label: options.head.label, sha: options.head.sha } },
      {
        toolVersion: VERSION,
        ruleSet: emptyRules,
        gate: { failOn: [], warnOn: [] },
        problems
      }
    )
    return { review, ruleSet: emptyRules, config: undefined, configurationProblems: problems, knowledgeBaseDate: null }
  }
  const raw = config.raw

  // Custom rules are data (CEL), read from the same trusted side as the configuration.
  const customRules: RuleText[] = []
  const configSideFiles = await configSide.listFiles()
  for (const folder of raw.rules?.custom ?? []) {
    const prefix = folder.replace(/\/+$/, '') + '/'
    const files = configSideFiles.filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f)).sort()
    const link =
      files.length === 0 && configSideFiles.includes(folder.replace(/\/+$/, ''))
        ? (await configSide.readFiles([folder.replace(/\/+$/, '')], 1024 * 1024)).get(folder.replace(/\/+$/, ''))
        : undefined
    if (link && 'refused' in link)
      problems.push({
        file: configPath,
        line: 1,
        column: 1,
        path: 'rules.custom',
        severity: 'error',
        code: 'config/outside-repository',
        message: `custom rules folder refused: ${link.refused}`
      })
    else if (files.length === 0)
      problems.push({
        file: configPath,
        line: 1,
        column: 1,
        path: 'rules.custom',
        severity: 'error',
        code: 'config/custom-rules-missing',
        message: `custom rules folder \`${folder}\` holds no .yaml rule files on the ${configSide === options.head ? 'head' : 'base'} side`
      })
    const reads = await configSide.readFiles(files, 1024 * 1024)
    for (const file of files) {
      const read = reads.get(file)
      if (read && 'content' in read) customRules.push({ path: file, text: new TextDecoder().decode(read.content) })
      else if (read && 'refused' in read)
        problems.push({
          file,
          line: 1,
          column: 1,
          path: '',
          severity: 'error',
          code: 'config/outside-repository',
          message: `custom rule file refused: ${read.refused}`
        })
    }
  }
  const { ruleSet, problems: ruleProblems } = loadRuleSet({
    builtin: true,
    custom: customRules,
    disable: raw.rules?.disable,
    severity: raw.rules?.severity,
    configFile: configPath
  })
  problems.push(...ruleProblems)

  const catalogues: Partial<Record<'cwe' | 'capec' | 'attack', CatalogueText>> = {}
  for (const kind of ['cwe', 'capec', 'attack'] as const) {
    const path = raw.knowledge_base?.[kind]
    if (!path) continue
    const before = problems.length
    const text = await readText(configSide, path, 200 * 1024 * 1024, problems, configPath, `knowledge_base.${kind}`)
    if (text !== undefined) catalogues[kind] = { file: path, text }
    else if (problems.length === before)
      problems.push({
        file: configPath,
        line: 1,
        column: 1,
        path: `knowledge_base.${kind}`,
        severity: 'error',
        code: 'config/knowledge-base-missing',
        message: `knowledge-base file ${path} (${kind}) was not found`
      })
  }
  const kb = Object.keys(catalogues).length > 0 ? loadKnowledgeBase(catalogues) : undefined
  if (kb) problems.push(...kb.problems)
  // Catalogues not configured (or that failed to load) come from the bundled knowledge base.
  const bundled = await loadBundledKnowledgeBase()
  const knowledgeBase: KnowledgeBase = { ...bundled.knowledgeBase }
  const dates: (string | null | undefined)[] = []
  for (const kind of CATALOGUE_KINDS) {
    const configured = kb?.knowledgeBase[kind]
    if (configured) knowledgeBase[kind] = configured
    dates.push(configured ? kb?.dates[kind] : bundled.releases[kind].released)
  }
  const knowledgeBaseDate = oldestDate(dates)

  const discover = async (snapshot: Snapshot | null) => {
    if (!snapshot) return null
    const found = await discoverModels(snapshot, config, options.paths)
    problems.push(...found.problems)
    return found
  }
  const baseFound = await discover(options.base)
  const headFound = await discover(options.head)
  // A requested path that is on neither side is a usage mistake, not a missing model.
  for (const path of headFound?.missing ?? []) {
    if (baseFound && !baseFound.missing.includes(path)) continue
    problems.push({
      file: path || '.',
      line: 1,
      column: 1,
      path: '',
      severity: 'error',
      code: 'discovery/not-found',
      message: `no such file or folder: ${path || '.'}`
    })
  }
  // Large models: simulation threads start now, while the models are parsed on this one.
  const modelBytes = [...(baseFound?.files ?? []), ...(headFound?.files ?? [])].reduce((sum, f) => sum + f.content.length, 0)
  const simulation = simulationThreads(modelBytes)
  // Loaded here (once) so the CODEOWNERS files the models name can be read from the same side.
  const baseLoaded = baseFound?.files.map((source) => loadModelFile(source))
  const risk = {
    ...(raw.risk?.iterations ? { iterations: raw.risk.iterations } : {}),
    ...(raw.risk?.seed !== undefined ? { seed: raw.risk.seed } : {}),
    ...(options.risk?.iterations ? { iterations: options.risk.iterations } : {}),
    ...(options.risk?.seed !== undefined ? { seed: options.risk.seed } : {})
  }
  const node = Number(process.versions.node.split('.')[0])
  // The base models' simulations start on the threads now, while the heads are read and checked.
  const startedRisk = new Map<object, StartedAssessment>()
  for (const result of simulation ? (baseLoaded ?? []) : []) {
    const started = result.model && startRiskAssessment(result.model.index, reviewRiskOptions({ risk, node, simulation }))
    if (started) startedRisk.set(result.model!.index, started)
  }
  const headLoaded = (headFound?.files ?? []).map((source) => loadModelFile(source))
  // Once loaded, a file's bytes are not needed again: the review gets its path alone (a 5,000-threat pair holds 6 MB).
  const pathsOnly = (files: readonly { path: string }[]) => files.map(({ path }) => ({ path, content: '' }))
  const base = baseFound && { files: pathsOnly(baseFound.files), tentative: baseFound.tentative, loaded: baseLoaded }
  const head = { files: pathsOnly(headFound?.files ?? []), tentative: headFound?.tentative, loaded: headLoaded }
  const codeOwners = {
    base: options.base && baseLoaded ? await readCodeOwners(options.base, baseLoaded) : undefined,
    head: await readCodeOwners(options.head, headLoaded)
  }
  const gateFromConfig = gateSettingsFromConfig(raw.gate)
  const gate = { failOn: options.gate?.failOn ?? gateFromConfig.failOn, warnOn: options.gate?.warnOn ?? gateFromConfig.warnOn }
  const approvers = { acceptance: raw.approvals?.acceptance ?? [], suppression: raw.approvals?.suppression ?? [] }
  const reviewed = reviewChange(
    base,
    head,
    {
      ...options.context,
      base: options.base ? { label: options.base.label, sha: options.base.sha } : null,
      head: { label: options.head.label, sha: options.head.sha }
    },
    {
      toolVersion: VERSION,
      ruleSet,
      knowledgeBase,
      staleAfterDays: raw.rules?.stale_after_days,
      gate,
      risk,
      node,
      issues: options.issues,
      maturity: { thresholds: raw.maturity?.thresholds },
      // The catalogues' release date is known to every run, whatever else it observed.
      observed: {
        ...(options.observed ?? unobservedEvidence(options.context.platform)),
        knowledgeBaseDate: options.observed?.knowledgeBaseDate ?? knowledgeBaseDate
      },
      mitigationValue: { amortisationYears: raw.value?.amortisation_years },
      // Approvals are read after the review, only when it found something to approve.
      approvals: raw.approvals ? { approvers, evidence: null } : undefined,
      changedFiles: options.changedFiles ?? null,
      codeOwners,
      problems,
      simulation,
      startedRisk
    }
  )
  const configurationProblems = problems.filter(
    (p) =>
      p.severity === 'error' &&
      (p.code.startsWith('config/') ||
        p.code.startsWith('rule/') ||
        p.code === 'discovery/not-found' ||
        (p.code === 'discovery/outside-repository' && headFound?.explicit.has(p.file)))
  )
  const review =
    reviewed.approvals.length > 0 && options.approvalEvidence && configurationProblems.length === 0
      ? withApprovalEvidence(reviewed, await options.approvalEvidence(reviewed.approvals), gate)
      : reviewed
  return { review, config, configurationProblems, ruleSet, knowledgeBaseDate }
}
