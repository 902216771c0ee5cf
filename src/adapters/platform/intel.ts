/**
 * Threat intelligence in CI, one flow for every platform (#18): scheduled and manually started runs
 * read the feeds and keep one "Threat intelligence update" issue per model through
 * `Platform.keepIssue`; pull/merge request runs note the pending proposals for the models they touch
 * (offline: repository feeds only, never OSV).
 */
import { loadRepositoryConfig, type ResolvedConfig } from '../../core/config/load.js'
import { isRepositoryPath, today } from '../../core/domain.js'
import {
  INTEL_CLOSE_COMMENT,
  INTEL_LABEL,
  INTEL_MARKER_KIND,
  intelIssueBodies,
  intelIssueTitle,
  sameIntelFindings
} from '../../core/intel/intel-issues.js'
import { renderIntelMarkdown } from '../../core/intel/render-markdown.js'
import { pendingIntelExtension } from '../../core/intel/review-extension.js'
import type { IntelReport } from '../../core/intel/types.js'
import type { ReviewExtension } from '../../core/render/review-markdown.js'
import type { Review } from '../../core/review/types.js'
import { collectIntel, configuredSources, MAX_FEED_BYTES, type IntelSources } from '../cli/intel-command.js'
import { OSV_API } from '../osv/osv-client.js'
import type { Snapshot } from '../review/snapshot.js'
import { openKeptIssues } from './keep-issue.js'
import type { ChangeContext, KeepIssueOutcome, Platform } from './platform.js'

/** The feed inputs of the action and of the GitLab component (same names on both). */
export interface IntelInputs {
  /** STIX bundles (repository paths) read besides `intelligence.stix`. */
  stix: readonly string[]
  /** Incident exports (repository paths, default columns) read besides `intelligence.incidents`. */
  incidents: readonly string[]
  /** `config` (as `intelligence.osv` says), `on`, `off`, or the base URL of an OSV-compatible API. */
  osv: string
}

/** Sources from the trusted configuration plus the platform's inputs. */
export function intelSources(fromConfig: IntelSources, inputs: IntelInputs): IntelSources {
  const osv: IntelSources['osv'] =
    inputs.osv === 'config'
      ? fromConfig.osv
      : inputs.osv === 'off'
        ? { mode: 'off' }
        : inputs.osv === 'on'
          ? { mode: 'api', baseUrl: OSV_API }
          : { mode: 'api', baseUrl: inputs.osv }
  return {
    stix: [...new Set([...fromConfig.stix, ...inputs.stix])],
    incidents: [
      ...fromConfig.incidents,
      ...inputs.incidents.filter((p) => !fromConfig.incidents.some((i) => i.path === p)).map((path) => ({ path }))
    ],
    osv,
    ...(fromConfig.windowDays ? { windowDays: fromConfig.windowDays } : {})
  }
}

/** Reads a repository path of a snapshot (a commit: links are blobs there, never followed). */
export function snapshotReader(snapshot: Snapshot): (path: string) => Promise<string | { error: string }> {
  return async (path) => {
    if (!isRepositoryPath(path)) return { error: 'not a path inside the repository' }
    const read = (await snapshot.readFiles([path], MAX_FEED_BYTES)).get(path)
    if (!read) return { error: 'no such file in the repository' }
    if ('refused' in read) return { error: read.refused }
    if ('size' in read) return { error: `the file is ${read.size} bytes, over the limit of ${MAX_FEED_BYTES}` }
    return new TextDecoder().decode(read.content)
  }
}

export interface IntelSettings {
  paths: readonly string[]
  configPath: string
  inputs: IntelInputs
  /** The day the evidence window ends (default today). */
  today?: string
  osvRetryDelayMs?: number
}

export interface IntelRunResult {
  models: number
  created: number[]
  updated: number[]
  reopened: number[]
  closed: number[]
  unchanged: number[]
  /** Issues a rewrite or close was due for, kept as they were because a source could not be read. */
  held: number[]
  /** Issues with our marker filed by someone else, left alone. */
  foreign: number[]
  failed: string[]
  /** Why no issue was written at all. */
  skipped?: string
}

const list = (numbers: readonly number[], prefix: string): string => numbers.map((n) => `${prefix}${n}`).join(', ')

/**
 * Reads the intelligence of the run's commit and keeps the issues. Never throws and never fails
 * the job: a feed, OSV or an API write that fails is a warning (the review's exit status stands).
 * Issues are written from the default branch only (elsewhere the report goes to the log).
 */
export async function runIntel(platform: Platform, settings: IntelSettings): Promise<IntelRunResult | undefined> {
  const log = platform.logger
  const p = platform.terms.issuePrefix
  try {
    const change = await platform.context()
    const read = snapshotReader(change.head)
    const configText = await read(settings.configPath)
    const loaded = loadRepositoryConfig(settings.configPath, typeof configText === 'string' ? configText : undefined)
    if (!loaded.config) {
      for (const problem of loaded.problems) log.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`)
      log.warning('Threatloop intel: the configuration cannot be read; no intelligence issue was changed')
      return undefined
    }
    let modelIds: string[] = []
    let incomplete = false
    const report = await collectIntel({
      head: change.head,
      config: loaded.config,
      paths: settings.paths,
      sources: intelSources(configuredSources(loaded.config), settings.inputs),
      readFeed: read,
      today: settings.today ?? today(),
      osvRetryDelayMs: settings.osvRetryDelayMs,
      onModels: (ids) => (modelIds = ids),
      onIncomplete: () => (incomplete = true)
    })
    for (const problem of report.problems) log.warning(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`)
    for (const warning of report.warnings) log.warning(`Threatloop intel: ${warning}`)
    log.info(
      `Threatloop intel: ${modelIds.length} model(s), ${report.proposals.length} proposal(s), ${report.unmodelled.length} unmodelled technique(s), ${report.vulnerable.length} vulnerable component(s)`
    )
    log.group('Threat intelligence', renderIntelMarkdown(report).trimEnd())
    // A source that could not be read must not rewrite or close issues whose evidence it carried.
    const hold = incomplete || report.problems.some((problem) => problem.severity === 'error')

    const result: IntelRunResult = {
      models: modelIds.length,
      created: [],
      updated: [],
      reopened: [],
      closed: [],
      unchanged: [],
      held: [],
      foreign: [],
      failed: []
    }
    const blocked = platform.writesBlocked()
    if (change.scope !== 'default-branch')
      result.skipped = `intelligence issues are kept from the default branch only (this run: ${change.head.label})`
    else if (!platform.keepIssue) result.skipped = blocked ?? 'the platform cannot write issues'
    else if (blocked !== undefined) result.skipped = blocked
    else if (modelIds.length === 0) result.skipped = 'no threat model was found, so no intelligence issue was changed'
    if (result.skipped !== undefined || !platform.keepIssue) {
      log.notice(`intelligence issues: not written: ${result.skipped}`)
      return result
    }

    const queue: { key: string; body: string | null; gone: boolean }[] = [...intelIssueBodies(report, modelIds)].map(([key, body]) => ({
      key,
      body,
      gone: false
    }))
    const seen = new Set(queue.map((q) => q.key))
    for (let index = 0; index < queue.length; index++) {
      const { key, body, gone } = queue[index]
      let outcome: KeepIssueOutcome
      try {
        outcome = await platform.keepIssue({
          kind: INTEL_MARKER_KIND,
          key,
          label: INTEL_LABEL,
          labelLook: { color: 'd93f0b', description: 'Threat intelligence update kept by Threatloop' },
          title: intelIssueTitle(key),
          body,
          closeComment: gone ? 'Threatloop closes this issue: its threat model is no longer in the repository.' : INTEL_CLOSE_COMMENT,
          sameContent: sameIntelFindings,
          hold
        })
      } catch (error) {
        const failure = platform.describeError(error)
        if (failure.readOnly) {
          result.skipped = failure.message
          log.notice(`intelligence issues: not written: ${failure.message}. ${platform.readOnlyHelp}`)
          break
        }
        result.failed.push(`${key}: ${failure.status ? failure.status : 'network'}: ${failure.message}`)
        // A server or network failure stops the rest (already retried by the client); the next run reconciles.
        if (failure.status === undefined || failure.status === 0 || failure.status >= 500 || failure.status === 429) break
        continue
      }
      const number = outcome.number
      if (number !== undefined) {
        if (outcome.action === 'created') result.created.push(number)
        else if (outcome.action === 'updated') result.updated.push(number)
        else if (outcome.action === 'reopened') result.reopened.push(number)
        else if (outcome.action === 'closed') result.closed.push(number)
        else if (outcome.action === 'unchanged') result.unchanged.push(number)
        else if (outcome.action === 'held') result.held.push(number)
      }
      result.closed.push(...outcome.duplicatesClosed)
      result.foreign.push(...outcome.foreign)
      if (outcome.action === 'skipped') result.failed.push(`${key}: ${outcome.reason ?? 'skipped'}`)
      // Our open issues of models that are gone are closed too.
      for (const other of outcome.otherOpenKeys)
        if (!seen.has(other)) {
          seen.add(other)
          queue.push({ key: other, body: null, gone: true })
        }
    }
    const done = [
      result.created.length && `opened ${list(result.created, p)}`,
      result.updated.length && `updated ${list(result.updated, p)}`,
      result.reopened.length && `reopened ${list(result.reopened, p)}`,
      result.closed.length && `closed ${list(result.closed, p)}`,
      result.unchanged.length && `unchanged ${list(result.unchanged, p)}`,
      result.held.length && `held as they were ${list(result.held, p)} (a source could not be read)`
    ].filter(Boolean)
    log.info(`Threatloop intel issues: ${done.length > 0 ? done.join('; ') : 'none needed'}`)
    if (result.foreign.length > 0)
      log.warning(
        `Threatloop intel: left alone ${list([...new Set(result.foreign)], p)}: they carry Threatloop's intelligence marker but were not filed by the token's identity`
      )
    for (const failure of result.failed) log.warning(`Threatloop intel: ${failure}`)
    return result
  } catch (error) {
    log.warning(`Threatloop intel failed: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  }
}

/**
 * The comment section of a pull/merge request run: proposals the repository's own feeds make for
 * the models the change adds or changes. The feeds and the configuration come from the trusted side
 * (a change cannot plant evidence in its own comment); OSV is never asked here. Empty when
 * `intelligence:` lists no STIX or incident file, or nothing is pending. With proposals pending, the
 * open intelligence issues of those models are linked (one listing; ours by marker plus identity).
 */
export async function pendingIntelExtensions(
  change: ChangeContext,
  trusted: Snapshot,
  configPath: string,
  review: Review,
  /** The platform, to link the open intelligence issues of the models with proposals (one listing, only then). */
  platform?: Pick<Platform, 'tracker' | 'identity' | 'terms'>
): Promise<ReviewExtension[]> {
  try {
    const touched = review.models
      .filter((m) => (m.status === 'added' || m.status === 'changed') && m.head?.file)
      .map((m) => m.head?.file as string)
    if (touched.length === 0 || change.scope !== 'change-request') return []
    const read = snapshotReader(trusted)
    const configText = await read(configPath)
    const config: ResolvedConfig | undefined = loadRepositoryConfig(
      configPath,
      typeof configText === 'string' ? configText : undefined
    ).config
    if (!config) return []
    const configured = configuredSources(config)
    if (configured.stix.length === 0 && configured.incidents.length === 0) return []
    const report: IntelReport = await collectIntel({
      head: change.head,
      config,
      paths: touched,
      sources: { ...configured, osv: { mode: 'off' } },
      readFeed: read,
      today: review.context.today ?? today()
    })
    if (report.proposals.length === 0) return []
    const tracker = platform?.tracker
    const byModel = tracker ? await openKeptIssues(tracker, () => platform.identity(), INTEL_MARKER_KIND, INTEL_LABEL) : undefined
    const extension = pendingIntelExtension(report, {
      issueHint: 'the scheduled run keeps a "Threat intelligence update" issue per model',
      ...(byModel && byModel.size > 0 ? { issues: { prefix: platform!.terms.issuePrefix, byModel } } : {})
    })
    return extension ? [extension] : []
  } catch {
    // The comment never depends on intelligence: a failure here leaves the section out.
    return []
  }
}
