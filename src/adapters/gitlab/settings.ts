/**
 * Settings of `threatloop gitlab`, read once from the environment of a GitLab CI job: the
 * predefined CI variables and the THREATLOOP_* variables the component template sets from its
 * inputs. Every bad value is reported at once, each naming its variable.
 */
import { CONFIG_FILE, GATE_CONDITIONS, ISSUE_MODES, isRepositoryPath, type IssueModeSetting } from '../../core/domain.js'
import { formatChoices, suggestClosest } from '../../core/problems.js'
import { dataBranchProblem } from '../platform/data-branch-name.js'

const DEFAULT_HISTORY_BRANCH = 'threatloop-data'

export type Environment = Readonly<Record<string, string | undefined>>

/** What the pipeline is for, which decides what is compared and what is written. */
export type PipelineKind =
  | {
      kind: 'merge-request'
      iid: number
      baseSha: string
      headSha: string
      targetBranch?: string
      sourceBranch?: string
      fromFork: boolean
    }
  | { kind: 'default-branch'; branch: string; headSha: string; beforeSha?: string }
  | { kind: 'other'; headSha: string; beforeSha?: string; ref?: string }

export type { IssueModeSetting } from '../../core/domain.js'
export type CodeQualityScope = 'new' | 'all'

export interface GitLabSettings {
  pipeline: PipelineKind
  pipelineSource: string
  /** Project the merge request note and issues belong to (id or URL-encoded path). */
  projectId: string
  /** CI_PROJECT_PATH, for the review context. */
  projectPath?: string
  projectUrl?: string
  apiUrl: string
  defaultBranch?: string
  projectDir?: string
  /** Model files or folders to review; empty = the whole repository (the configuration's globs). */
  paths: string[]
  configPath: string
  /** Gate conditions that fail the job; undefined = the configuration's `gate.fail_on`. */
  failOn?: string[]
  /** Issue mode from the component input; undefined = the configuration's `issues.mode`. */
  issueMode?: IssueModeSetting
  /** Name of the variable that holds the access token. */
  tokenVariable: string
  /** The access token, when the variable holds a usable value. */
  token?: string
  /** Why there is no usable token, for the job log. */
  tokenMissingReason?: string
  codeQuality: CodeQualityScope
  codeQualityFile: string
  reportFile: string
  iterations?: number
  /** History store (issue 19): `branch` keeps history.jsonl and index.html on `historyBranch`. */
  history: 'off' | 'branch'
  historyBranch: string
  /** Threat intelligence on scheduled and manually started pipelines (#18). */
  intel: GitLabIntelSettings
}

/** `auto`: scheduled (`schedule`) and manually started (`web`, `api`) pipelines keep the intelligence issues. */
export interface GitLabIntelSettings {
  mode: 'auto' | 'off'
  stix: string[]
  incidents: string[]
  /** `config`, `on`, `off`, or the http(s) base URL of an OSV-compatible API. */
  osv: string
}

/** Pipeline sources that run threat intelligence: GitLab's schedule, and a person or API call starting a pipeline. */
export const INTEL_PIPELINE_SOURCES: readonly string[] = ['schedule', 'web', 'api']

export const DEFAULT_TOKEN_VARIABLE = 'THREATLOOP_GITLAB_TOKEN'
export const DEFAULT_CODE_QUALITY_FILE = 'gl-code-quality-report.json'
export const DEFAULT_REPORT_FILE = 'threatloop-report.json'
const NO_COMMIT = /^0+$/
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** A list input: GitLab renders an array input as JSON (`["a","b"]`); commas or newlines also work. */
function parseList(value: string): string[] | string {
  const text = value.trim()
  if (text === '') return []
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed.map((v) => v.trim()).filter((v) => v !== '')
    } catch {
      // Reported below.
    }
    return 'expected a JSON array of strings such as ["threatmodels/"] or a comma-separated list'
  }
  return text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function relativePathProblem(path: string): string | undefined {
  if (!isRepositoryPath(path)) return `"${path}" must be a path inside the repository (relative, without ..)`
  return undefined
}

/** Reads and validates the job's settings; returns every problem, each naming its variable. */
export function readGitLabSettings(env: Environment): { settings?: GitLabSettings; problems: string[] } {
  const problems: string[] = []
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }
  const sha = (name: string, required: boolean): string | undefined => {
    const value = get(name)?.toLowerCase()
    if (value === undefined) {
      if (required) problems.push(`${name} is not set; threatloop gitlab runs inside a GitLab CI job, which sets it`)
      return undefined
    }
    if (NO_COMMIT.test(value)) return undefined
    if (!SHA.test(value)) {
      problems.push(`${name} must be a full commit SHA (40 or 64 hex digits), got "${value.slice(0, 80)}"`)
      return undefined
    }
    return value
  }

  const headSha = sha('CI_COMMIT_SHA', true)
  const apiUrl = get('CI_API_V4_URL')
  if (apiUrl === undefined)
    problems.push('CI_API_V4_URL is not set; GitLab sets it in every CI job (e.g. https://gitlab.example.com/api/v4)')
  else if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) problems.push(`CI_API_V4_URL must be an http(s) URL, got "${apiUrl.slice(0, 200)}"`)
  const projectId = get('CI_MERGE_REQUEST_PROJECT_ID') ?? get('CI_PROJECT_ID')
  if (projectId === undefined) problems.push('CI_PROJECT_ID is not set; GitLab sets it in every CI job')
  else if (!/^\d+$/.test(projectId))
    problems.push(
      `${get('CI_MERGE_REQUEST_PROJECT_ID') ? 'CI_MERGE_REQUEST_PROJECT_ID' : 'CI_PROJECT_ID'} must be a numeric project id, got "${projectId.slice(0, 80)}"`
    )

  const pipelineSource = get('CI_PIPELINE_SOURCE') ?? 'push'
  const defaultBranch = get('CI_DEFAULT_BRANCH')
  const commitBranch = get('CI_COMMIT_BRANCH')
  const beforeSha = sha('CI_COMMIT_BEFORE_SHA', false)
  let pipeline: PipelineKind | undefined
  const iidText = get('CI_MERGE_REQUEST_IID')
  if (pipelineSource === 'merge_request_event' || iidText !== undefined) {
    const iid = Number(iidText)
    if (iidText === undefined)
      problems.push(
        'CI_MERGE_REQUEST_IID is not set although CI_PIPELINE_SOURCE is merge_request_event; add `rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"` so the job runs in merge request pipelines'
      )
    else if (!Number.isInteger(iid) || iid < 1)
      problems.push(`CI_MERGE_REQUEST_IID must be a positive whole number, got "${iidText.slice(0, 80)}"`)
    const baseSha = sha('CI_MERGE_REQUEST_DIFF_BASE_SHA', true)
    const source = get('CI_MERGE_REQUEST_SOURCE_PROJECT_ID')
    const target = get('CI_MERGE_REQUEST_PROJECT_ID')
    if (headSha && baseSha && Number.isInteger(iid) && iid > 0) {
      pipeline = {
        kind: 'merge-request',
        iid,
        baseSha,
        headSha,
        targetBranch: get('CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
        sourceBranch: get('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME'),
        fromFork: source !== undefined && target !== undefined && source !== target
      }
    }
  } else if (headSha && commitBranch !== undefined && commitBranch === defaultBranch) {
    pipeline = { kind: 'default-branch', branch: commitBranch, headSha, beforeSha }
  } else if (headSha) {
    pipeline = { kind: 'other', headSha, beforeSha, ref: commitBranch ?? get('CI_COMMIT_TAG') ?? get('CI_COMMIT_REF_NAME') }
  }

  const paths = parseList(env.THREATLOOP_PATHS ?? '')
  if (typeof paths === 'string') problems.push(`THREATLOOP_PATHS: ${paths}, got "${(env.THREATLOOP_PATHS ?? '').slice(0, 200)}"`)
  else
    for (const path of paths) {
      const problem = relativePathProblem(path)
      if (problem) problems.push(`THREATLOOP_PATHS: ${problem}`)
    }

  const configPath = get('THREATLOOP_CONFIG') ?? CONFIG_FILE
  const configProblem = relativePathProblem(configPath)
  if (configProblem) problems.push(`THREATLOOP_CONFIG: ${configProblem}`)

  let failOn: string[] | undefined
  const failOnText = get('THREATLOOP_FAIL_ON')
  if (failOnText !== undefined && failOnText !== 'config') {
    if (failOnText === 'none') failOn = []
    else {
      const list = parseList(failOnText)
      const conditions = typeof list === 'string' ? [] : list.flatMap((item) => item.split(/\s+/)).filter((c) => c !== '')
      if (typeof list === 'string') problems.push(`THREATLOOP_FAIL_ON: ${list}`)
      for (const condition of conditions) {
        if ((GATE_CONDITIONS as readonly string[]).includes(condition)) continue
        const closest = suggestClosest(condition, GATE_CONDITIONS)
        problems.push(
          `THREATLOOP_FAIL_ON: unknown gate condition "${condition.slice(0, 80)}"${closest ? `; did you mean ${closest}?` : ''} Expected config, none, or a comma-separated list of ${formatChoices(GATE_CONDITIONS)}`
        )
      }
      failOn = conditions
    }
  }

  let issueMode: IssueModeSetting | undefined
  const issueText = get('THREATLOOP_ISSUES')
  if (issueText !== undefined && issueText !== 'config') {
    if ((ISSUE_MODES as readonly string[]).includes(issueText)) issueMode = issueText as IssueModeSetting
    else problems.push(`THREATLOOP_ISSUES must be config, ${formatChoices(ISSUE_MODES)}, got "${issueText.slice(0, 80)}"`)
  }

  const tokenVariable = get('THREATLOOP_TOKEN_VARIABLE') ?? DEFAULT_TOKEN_VARIABLE
  let token: string | undefined
  let tokenMissingReason: string | undefined
  if (!VARIABLE_NAME.test(tokenVariable))
    problems.push(
      `THREATLOOP_TOKEN_VARIABLE must be the name of a CI/CD variable (letters, digits, _), got "${tokenVariable.slice(0, 80)}"`
    )
  else {
    const value = get(tokenVariable)
    if (value === undefined) {
      tokenMissingReason = `the CI/CD variable ${tokenVariable} is not set in this pipeline`
    } else if (value === get('CI_JOB_TOKEN')) {
      tokenMissingReason = `${tokenVariable} holds the CI job token, which cannot write merge request notes or issues`
    } else if (/^\$\{?[A-Za-z_]/.test(value) || /\s/.test(value)) {
      // An unexpanded reference (`$OTHER_VARIABLE`) means the variable it points to does not exist here.
      tokenMissingReason = `${tokenVariable} does not hold a token (it looks like an unexpanded variable reference)`
    } else token = value
  }

  const codeQualityText = get('THREATLOOP_CODE_QUALITY') ?? 'new'
  if (codeQualityText !== 'new' && codeQualityText !== 'all')
    problems.push(`THREATLOOP_CODE_QUALITY must be new or all, got "${codeQualityText.slice(0, 80)}"`)
  const codeQualityFile = get('THREATLOOP_CODE_QUALITY_FILE') ?? DEFAULT_CODE_QUALITY_FILE
  const reportFile = get('THREATLOOP_REPORT_FILE') ?? DEFAULT_REPORT_FILE
  for (const [name, value] of [
    ['THREATLOOP_CODE_QUALITY_FILE', codeQualityFile],
    ['THREATLOOP_REPORT_FILE', reportFile]
  ] as const) {
    const problem = relativePathProblem(value)
    if (problem) problems.push(`${name}: ${problem} (artifacts are collected from the project folder)`)
  }

  let iterations: number | undefined
  const iterationsText = get('THREATLOOP_ITERATIONS')
  if (iterationsText !== undefined) {
    iterations = Number(iterationsText)
    if (!Number.isInteger(iterations) || iterations < 1000 || iterations > 1_000_000)
      problems.push(`THREATLOOP_ITERATIONS must be a whole number from 1000 to 1000000, got "${iterationsText.slice(0, 80)}"`)
  }

  const historyText = get('THREATLOOP_HISTORY') ?? 'off'
  if (historyText !== 'off' && historyText !== 'branch')
    problems.push(`THREATLOOP_HISTORY must be off or branch, got "${historyText.slice(0, 80)}"`)
  const historyBranch = get('THREATLOOP_HISTORY_BRANCH') ?? DEFAULT_HISTORY_BRANCH
  const branchProblem = dataBranchProblem(historyBranch)
  if (branchProblem) problems.push(`THREATLOOP_HISTORY_BRANCH: expected ${branchProblem}, got "${historyBranch.slice(0, 80)}"`)
  else if (historyText === 'branch' && historyBranch === defaultBranch)
    problems.push(`THREATLOOP_HISTORY_BRANCH: "${historyBranch}" is the default branch; the history needs a branch of its own`)
  // Threat intelligence (#18): the same names as the action's intel, intel-stix, intel-incidents, intel-osv inputs.
  const intelMode = get('THREATLOOP_INTEL') ?? 'auto'
  if (intelMode !== 'auto' && intelMode !== 'off') problems.push(`THREATLOOP_INTEL must be auto or off, got "${intelMode.slice(0, 80)}"`)
  const feeds = (name: string): string[] => {
    const list = parseList(env[name] ?? '')
    if (typeof list === 'string') {
      problems.push(`${name}: ${list}`)
      return []
    }
    for (const path of list) {
      const problem = relativePathProblem(path)
      if (problem) problems.push(`${name}: ${problem}`)
    }
    return list
  }
  const intelStix = feeds('THREATLOOP_INTEL_STIX')
  const intelIncidents = feeds('THREATLOOP_INTEL_INCIDENTS')
  const osvText = get('THREATLOOP_INTEL_OSV') ?? 'config'
  const intelOsv = ['config', 'on', 'off'].includes(osvText.toLowerCase()) ? osvText.toLowerCase() : osvText
  if (!['config', 'on', 'off'].includes(intelOsv) && !/^https?:\/\/[^\s/]+\S*$/.test(intelOsv))
    problems.push(
      `THREATLOOP_INTEL_OSV must be config, on, off, or the http(s) URL of an OSV-compatible API, got "${intelOsv.slice(0, 120)}"`
    )

  if (problems.length > 0 || !pipeline || !apiUrl || !projectId) return { problems }
  return {
    problems,
    settings: {
      pipeline,
      pipelineSource,
      projectId,
      projectPath: get('CI_PROJECT_PATH'),
      projectUrl: get('CI_PROJECT_URL'),
      apiUrl,
      defaultBranch,
      projectDir: get('CI_PROJECT_DIR'),
      paths: typeof paths === 'string' ? [] : paths,
      configPath,
      failOn,
      issueMode,
      tokenVariable,
      token,
      tokenMissingReason,
      codeQuality: codeQualityText === 'all' ? 'all' : 'new',
      codeQualityFile,
      reportFile,
      iterations,
      history: historyText === 'branch' ? 'branch' : 'off',
      historyBranch,
      intel: { mode: intelMode === 'off' ? 'off' : 'auto', stix: intelStix, incidents: intelIncidents, osv: intelOsv }
    }
  }
}
