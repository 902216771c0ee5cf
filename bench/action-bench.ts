/**
 * GitHub Action figures, measured on the bundle (THREATLOOP_BUNDLE_DIR, default dist/) against the
 * fake GitHub server, as a runner runs it: cold start to the first API request, and how many API
 * requests a review makes beyond listing pages.
 */
import { spawnSync } from 'node:child_process'
import { startFakeGitHub, type FakeGitHub } from '../__tests__/fakes/github-server.js'
import { DEMO_BASE, gitRepository, MODEL_PATH, pullRequestPayload, pushPayload, runAction } from '../__tests__/github/harness.js'
import { round } from './measure.js'

const ZERO = '0'.repeat(40)

/** Listing pages (issues, comments, labels) are not counted against the request budgets. */
function nonListing(fake: FakeGitHub, from = 0): number {
  return fake.requests.slice(from).filter((r) => !(r.method === 'GET' && /\/(issues|comments|labels)$/.test(r.path))).length
}

/** The demo base model with `extra` more planned mitigations (each becomes one issue). */
function modelWithMitigations(extra: number): string {
  const added = Array.from(
    { length: extra },
    (_, i) => `  - id: M-1${String(i).padStart(2, '0')}\n    title: Extra control ${i}\n    type: detective\n    status: planned\n`
  ).join('')
  return DEMO_BASE.replace('\nassumptions:', `${added}\nassumptions:`)
}

export async function benchAction(): Promise<Record<string, unknown>> {
  const repo = gitRepository('threatloop-bench-')
  try {
    const base = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
    const cosmetic = repo.commit({ [MODEL_PATH]: `# reviewed\n${DEMO_BASE}` }, 'comment only')

    // Cold start: spawn → first request at the fake, no-semantic-change PR review.
    const starts: number[] = []
    let budget = 0
    for (let i = 0; i < 7; i++) {
      const t0 = Date.now()
      const fake = await startFakeGitHub()
      const pr = fake.state.seedPullRequest({ title: 'comment only' })
      if (i > 0) fake.state.seedComment(pr.number, { body: 'placeholder', author: 'octo-reviewer' })
      const run = await runAction({
        fake,
        workspace: repo.dir,
        event: 'pull_request',
        payload: pullRequestPayload(fake, pr.number, base, cosmetic),
        sha: cosmetic
      })
      if (fake.requests.length > 0) starts.push(t0 + fake.requests[0].at - run.startedAt)
      budget = Math.max(budget, nonListing(fake))
      await fake.close()
    }
    starts.sort((a, b) => a - b)
    // The floor on this machine: starting node itself, with no code at all.
    const bare: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = Date.now()
      spawnSync(process.execPath, ['-e', '0'])
      bare.push(Date.now() - t)
    }
    bare.sort((a, b) => a - b)
    const coldStartMs = starts[Math.floor(starts.length / 2)]

    // N planned issue writes on a first push to the default branch.
    const extra = 3
    const many = repo.commit({ [MODEL_PATH]: modelWithMitigations(extra) }, 'more mitigations')
    const fake = await startFakeGitHub({ users: [{ login: 'team-payments', type: 'User' }] })
    const first = await runAction({ fake, workspace: repo.dir, event: 'push', payload: pushPayload(fake, ZERO, many), sha: many })
    const planned = JSON.parse(first.outputs['issues-planned'] || '{}') as { create?: number }
    const createWrites = planned.create ?? 0
    const createRequests = nonListing(fake)
    // Then a push that closes and updates: a close is a comment and a PATCH.
    const mark = fake.requests.length
    const next = repo.commit(
      { [MODEL_PATH]: modelWithMitigations(extra).replace('status: planned                   #', 'status: implemented               #') },
      'M-001 done'
    )
    const second = await runAction({ fake, workspace: repo.dir, event: 'push', payload: pushPayload(fake, many, next), sha: next })
    const ops = JSON.parse(second.outputs['issues-planned'] || '{}') as Record<string, number>
    const httpWrites = (ops.create ?? 0) + (ops.update ?? 0) + 2 * (ops.close ?? 0) + 2 * (ops.reopen ?? 0)
    const closeRequests = nonListing(fake, mark)
    await fake.close()
    return {
      bundle: process.env.THREATLOOP_BUNDLE_DIR ?? 'dist',
      coldStartToFirstRequestMsMedian: round(coldStartMs, 1),
      coldStartRunsMs: starts.map((s) => round(s, 0)).join(' '),
      coldStartMet: coldStartMs <= 300,
      nodeBareStartMsMedian: bare[2],
      noChangeRequestsBeyondListings: budget,
      noChangeBudgetMet: budget <= 3,
      issuesCreated: Number(first.outputs['issues-opened'] ?? 0),
      createPlannedWrites: createWrites,
      createRequestsBeyondListings: createRequests,
      createBudgetMet: createRequests <= createWrites + 3,
      closeUpdatePlannedOperations: JSON.stringify(ops),
      closeUpdateHttpWrites: httpWrites,
      closeUpdateRequestsBeyondListings: closeRequests,
      closeUpdateBudgetMet: closeRequests <= httpWrites + 3,
      firstPushRunMs: first.elapsedMs
    }
  } finally {
    repo.cleanup()
  }
}
