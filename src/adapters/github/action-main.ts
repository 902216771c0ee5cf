import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { runIntel } from '../platform/intel.js'
import { runPipeline } from '../platform/pipeline.js'
import type { IssueListing } from '../platform/platform.js'
import type { EarlyListing } from './action.js'
import { createGitHubClient, createProxiedGitHubClient, proxyConfigured, setClientWarningSink } from './client.js'
import { readActionEvent } from './event.js'
import type { ActionInputs } from './inputs.js'
import { gitHubPlatform } from './platform.js'

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {}
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch {
    return {}
  }
}

/** Reports invalid inputs, or reviews the change of this event and reports it where GitHub shows it. */
export async function runAction(
  env: NodeJS.ProcessEnv,
  read: { inputs?: ActionInputs; problems: string[] },
  early: EarlyListing | undefined
): Promise<void> {
  try {
    if (read.inputs?.token) core.setSecret(read.inputs.token)
    setClientWarningSink((message) => core.warning(message))
    if (!read.inputs) {
      for (const problem of read.problems) core.error(problem)
      core.setFailed(`Threatloop: ${read.problems.length} invalid input(s): ${read.problems.join('; ')}`)
      return
    }
    await review(read.inputs, env, early)
  } catch (error) {
    core.setFailed(`Threatloop failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function review(inputs: ActionInputs, env: NodeJS.ProcessEnv, early: EarlyListing | undefined): Promise<void> {
  const event = readActionEvent(env, await readPayload(env.GITHUB_EVENT_PATH))
  if ('problem' in event) {
    core.setFailed(`Threatloop: ${event.problem}`)
    return
  }
  // The early listing was made with these inputs; it counts when the event names the same repository.
  const reusable = early !== undefined && early.owner === event.owner && early.repo === event.repo
  const client = reusable
    ? early.client
    : proxyConfigured(env)
      ? await createProxiedGitHubClient(inputs.token, env.GITHUB_API_URL)
      : createGitHubClient(inputs.token, env.GITHUB_API_URL)
  const earlyListing: Promise<IssueListing> | undefined = inputs.issues !== 'off' && reusable ? early.listed : undefined
  const platform = gitHubPlatform({
    event,
    client,
    token: inputs.token,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    botLogin: inputs.botLogin,
    paths: inputs.paths,
    earlyListing
  })
  const result = await runPipeline(platform, {
    paths: inputs.paths,
    configPath: inputs.configPath,
    configFrom: inputs.configFrom,
    failOn: inputs.failOn,
    warnOn: inputs.warnOn,
    issues: {
      mode: inputs.issues,
      label: inputs.issueLabel,
      extraLabels: inputs.issueExtraLabels,
      assignOwners: inputs.assignOwners,
      maxWrites: inputs.maxIssueWrites
    },
    comment: inputs.comment === 'upsert',
    iterations: inputs.riskIterations,
    reports: { json: inputs.jsonReportPath, sarif: inputs.sarifPath, sarifCategory: inputs.sarifCategory },
    fullReportHint: 'The job summary of this workflow run and the JSON report have everything.',
    history: { mode: inputs.history, branch: inputs.historyBranch }
  })
  if (result.failure) core.setFailed(result.exit === 2 ? `Threatloop: ${result.failure}` : result.failure)
  // Scheduled and manually dispatched runs keep the intelligence issues (#18); never changes the exit status.
  if (inputs.intel === 'auto' && (event.name === 'schedule' || event.name === 'workflow_dispatch') && result.exit !== 2) {
    await runIntel(platform, {
      paths: inputs.paths,
      configPath: inputs.configPath,
      inputs: { stix: inputs.intelStix, incidents: inputs.intelIncidents, osv: inputs.intelOsv }
    })
  }
}
