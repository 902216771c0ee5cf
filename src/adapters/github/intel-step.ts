// Scheduled and manually dispatched runs: read threat intelligence for the models and keep one
// "Threat intelligence update" issue per model (created, updated when the findings change, closed
// when none remain).
import * as core from '@actions/core'
import { loadRepositoryConfig } from '../../core/config/load.js'
import { today } from '../../core/domain.js'
import { intelIssueBodies, planIntelIssues, type IntelIssueOperation, type ListedIntelIssue } from '../../core/intel/intel-issues.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import { collectIntel, configuredSources, readInside, type IntelSources } from '../cli/intel-command.js'
import { openLocalRepository } from '../cli/local-repository.js'
import { OSV_API } from '../osv/osv-client.js'
import { describeError, isReadOnlyError, type GitHubClient } from './client.js'
import type { ActionInputs } from './inputs.js'
import type { RepositoryTarget } from './issue-sync.js'

/** The label every intelligence issue carries (listed by it, so mitigation issues are never touched). */
export const INTEL_LABEL = 'threatloop-intel'

export function isIntelEvent(name: string | undefined): boolean {
  return name === 'schedule' || name === 'workflow_dispatch'
}

/** Sources from the trusted configuration plus the action's inputs. */
export function intelSources(fromConfig: IntelSources, inputs: ActionInputs): IntelSources {
  const osv: IntelSources['osv'] =
    inputs.intelOsv === 'config'
      ? fromConfig.osv
      : inputs.intelOsv === 'off'
        ? { mode: 'off' }
        : inputs.intelOsv === 'on'
          ? { mode: 'api', baseUrl: OSV_API }
          : { mode: 'api', baseUrl: inputs.intelOsv }
  return {
    stix: [...new Set([...fromConfig.stix, ...inputs.intelStix])],
    incidents: [
      ...fromConfig.incidents,
      ...inputs.intelIncidents.filter((p) => !fromConfig.incidents.some((i) => i.path === p)).map((path) => ({ path }))
    ],
    osv,
    ...(fromConfig.windowDays ? { windowDays: fromConfig.windowDays } : {})
  }
}

export interface IntelStepResult {
  created: number[]
  updated: number[]
  closed: number[]
  unchanged: number[]
  failed: string[]
}

/** Runs intel on the checked-out commit and keeps the issues; never throws (failures become warnings). */
export async function runIntelStep(
  client: GitHubClient,
  target: RepositoryTarget,
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  identity: () => Promise<string | undefined>
): Promise<IntelStepResult | undefined> {
  const result: IntelStepResult = { created: [], updated: [], closed: [], unchanged: [], failed: [] }
  try {
    const local = await openLocalRepository(env.GITHUB_WORKSPACE ?? process.cwd())
    const configText = await readInside(local.root, inputs.configPath)
    const loaded = loadRepositoryConfig(inputs.configPath, typeof configText === 'string' ? configText : undefined)
    if (!loaded.config) {
      for (const p of loaded.problems) core.error(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.message}`))
      core.setFailed('Threatloop intel: the configuration cannot be read; no intelligence issue was changed')
      return undefined
    }
    let modelIds: string[] = []
    const report = await collectIntel({
      head: local.workingTree,
      config: loaded.config,
      paths: inputs.paths,
      sources: intelSources(configuredSources(loaded.config), inputs),
      readFeed: (path) => readInside(local.root, path),
      today: today(),
      onModels: (ids) => (modelIds = ids)
    })
    for (const p of report.problems) core.warning(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.message}`))
    for (const w of report.warnings) core.warning(sanitizeLogText(`intel: ${w}`))
    core.info(
      sanitizeLogText(
        `Threatloop intel: ${modelIds.length} model(s), ${report.proposals.length} proposal(s), ${report.unmodelled.length} unmodelled technique(s), ${report.vulnerable.length} vulnerable component(s)`
      )
    )
    // A feed that could not be read must not close issues whose evidence it carried.
    const unreadable = report.problems.some((p) => p.severity === 'error')

    const listed = await listIntelIssues(client, target, identity)
    if (!listed) {
      // Without knowing who we are, an existing issue cannot be told from a planted one: write nothing.
      core.warning('Threatloop intel: the identity of the token is unknown (set the bot-login input), so no intelligence issue was written')
      return result
    }
    const plan = planIntelIssues(intelIssueBodies(report, modelIds), listed)
    result.unchanged = plan.unchanged
    for (const op of plan.operations) {
      if (op.op === 'close' && unreadable) {
        core.warning(`Threatloop intel: #${op.number} stays open because a feed or model could not be read`)
        continue
      }
      try {
        await execute(client, target, op, result)
      } catch (error) {
        const { status, message } = describeError(error)
        result.failed.push(sanitizeLogText(`${op.op} ${op.key}: ${status ?? 'network'}: ${message}`))
        if (isReadOnlyError(error) || status === undefined || status >= 500) break
      }
    }
    const done = (what: string, numbers: number[]): string =>
      numbers.length > 0 ? `${what} ${numbers.map((n) => `#${n}`).join(', ')}` : ''
    const line = [
      done('opened', result.created),
      done('updated', result.updated),
      done('closed', result.closed),
      done('unchanged', result.unchanged)
    ]
      .filter((s) => s !== '')
      .join('; ')
    core.info(`Threatloop intel issues: ${line || 'none needed'}`)
    for (const f of result.failed) core.warning(`Threatloop intel: ${f}`)
    return result
  } catch (error) {
    core.warning(sanitizeLogText(`Threatloop intel failed: ${describeError(error).message}`))
    return undefined
  }
}

async function listIntelIssues(
  client: GitHubClient,
  target: RepositoryTarget,
  identity: () => Promise<string | undefined>
): Promise<ListedIntelIssue[] | undefined> {
  const raw: { number: number; state: 'open' | 'closed'; body: string; login: string }[] = []
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    ...target,
    labels: INTEL_LABEL,
    state: 'all',
    per_page: 100
  })) {
    for (const item of page.data) {
      if (item.pull_request) continue
      raw.push({
        number: item.number,
        state: item.state === 'closed' ? 'closed' : 'open',
        body: item.body ?? '',
        login: item.user?.login ?? ''
      })
    }
  }
  // Ours = marker plus our identity (the pipeline's rule); an unknown identity owns nothing.
  const login = raw.length > 0 ? await identity() : undefined
  if (raw.length > 0 && login === undefined) return undefined
  return raw.map((r) => ({
    number: r.number,
    state: r.state,
    body: r.body,
    ours: login !== undefined && r.login.toLowerCase() === login.toLowerCase()
  }))
}

async function execute(client: GitHubClient, target: RepositoryTarget, op: IntelIssueOperation, result: IntelStepResult): Promise<void> {
  switch (op.op) {
    case 'create': {
      try {
        await client.rest.issues.createLabel({
          ...target,
          name: INTEL_LABEL,
          color: 'd93f0b',
          description: 'Threat intelligence update kept by Threatloop'
        })
      } catch (error) {
        if (describeError(error).status !== 422) throw error
      }
      const { data } = await client.rest.issues.create({ ...target, title: op.title, body: op.body, labels: [INTEL_LABEL] })
      result.created.push(data.number)
      return
    }
    case 'update':
      await client.rest.issues.update({
        ...target,
        issue_number: op.number,
        body: op.body,
        ...(op.reopen ? { state: 'open' as const } : {})
      })
      result.updated.push(op.number)
      return
    case 'close':
      await client.rest.issues.createComment({ ...target, issue_number: op.number, body: op.comment })
      await client.rest.issues.update({ ...target, issue_number: op.number, state: 'closed', state_reason: 'completed' })
      result.closed.push(op.number)
  }
}
