import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { GITHUB_BOT_LOGIN, startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { LODASH_ADVISORIES, startFakeOsv, type FakeOsv } from '../fakes/osv-server.js'
import { gitRepository, pullRequestPayload, runAction, type GitFixture } from './harness.js'

// The scheduled run of the built action (dist/) keeps one "Threat intelligence update" issue per model.
const STIX = readFileSync(new URL('../intel/fixtures/sightings.stix.json', import.meta.url), 'utf8')
const MODEL = 'models/shop.threatmodel.yaml'
const model = (lodash: string): string =>
  `threatloop: 1\nmodel: { id: shop, title: Shop }\ncomponents:\n  - { id: api, type: process, technologies: ["pkg:npm/lodash@${lodash}"] }\nthreats:\n  - { id: T-1, title: Exploit, likelihood: low, references: { attack: [T1190] } }\n`
const CONFIG_WITH_FEED = 'intelligence:\n  stix: [intel/sightings.json]\n  window_days: 3650\n'

let fake: FakeGitHub
let osv: FakeOsv
let repo: GitFixture

beforeAll(async () => {
  osv = await startFakeOsv(LODASH_ADVISORIES)
  repo = gitRepository('threatloop-intel-')
})
afterAll(async () => {
  await osv.close()
  repo.cleanup()
})
beforeEach(async () => {
  fake = await startFakeGitHub()
})
afterEach(async () => {
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const payload = (): Record<string, unknown> => ({
  repository: { full_name: `${fake.owner}/${fake.repo}`, default_branch: 'main', html_url: `https://github.com/${fake.owner}/${fake.repo}` }
})
const scheduled = (sha: string, event: 'schedule' | 'workflow_dispatch' = 'schedule', inputs: Record<string, string> = {}) =>
  runAction({
    fake,
    workspace: repo.dir,
    event,
    payload: payload(),
    sha,
    ref: 'refs/heads/main',
    inputs: { 'intel-osv': osv.url, issues: 'off', comment: 'off', ...inputs }
  })
const intelIssues = () => fake.state.plainIssues().filter((i) => i.labels.includes('threatloop-intel'))

const routes = (from: number): string[] => fake.requests.slice(from).map((r) => r.route ?? `${r.method} ${r.path}`)

describe('scheduled intelligence run (GitHub)', () => {
  test('opens one issue per model, leaves it alone when nothing changed, updates it when findings change, closes it when none remain', async () => {
    // Someone else's issue carrying our marker is never ours to edit or close.
    const planted = fake.state.seedIssue({
      title: 'Threat intelligence update',
      body: '<!-- threatloop:intel:shop -->\nplanted',
      labels: ['threatloop-intel'],
      author: 'octo-reviewer'
    })

    const first = repo.commit(
      { [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX },
      'model with a vulnerable lodash'
    )
    const opened = await scheduled(first)
    expect(opened.stderr).not.toMatch(/\n\s+at /)
    expect(opened.status).toBe(0)
    if (intelIssues().length < 2) throw new Error(opened.stdout + opened.stderr)
    const mine = intelIssues().filter((i) => i.number !== planted.number)
    expect(mine).toHaveLength(1)
    const issue = mine[0]
    const firstBody = issue.body
    expect(issue).toMatchObject({ title: 'Threat intelligence update: shop', state: 'open', author: 'github-actions[bot]' })
    expect(issue.labels).toEqual(['threatloop-intel'])
    expect(issue.body).toContain('<!-- threatloop:intel:shop -->')
    expect(issue.body).toContain('GHSA-35jh-r3h4-6jhm')
    expect(issue.body).toContain('T1110')
    expect(issue.body).toMatch(/threat `T-1`/)
    expect(osv.requests.some((r) => r.path === '/v1/querybatch')).toBe(true)
    expect(opened.stdout).toMatch(new RegExp(`left alone #${planted.number}: they carry Threatloop's intelligence marker`))
    expect(opened.stdout).toContain(`Threatloop intel issues: opened #${issue.number}`)

    // A re-run with the same findings writes nothing (the content hash is unchanged): one listing, no write.
    const writes = fake.writes().length
    const before = fake.requests.length
    const rerun = await scheduled(first, 'workflow_dispatch')
    expect(fake.writes().length).toBe(writes)
    expect(routes(before)).toEqual(['GET /repos/{owner}/{repo}/issues'])
    expect(rerun.stdout).toContain(`Threatloop intel issues: unchanged #${issue.number}`)

    // New sightings of T1190 (130 instead of 30 + 7): the same issue is rewritten, in one request.
    const more = repo.commit({ 'intel/sightings.json': STIX.replace('"count": 30', '"count": 130') }, 'more sightings')
    const sightingsBefore = fake.requests.length
    await scheduled(more)
    expect(routes(sightingsBefore)).toEqual(['GET /repos/{owner}/{repo}/issues', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}'])
    const resighted = fake.state.plainIssues().find((i) => i.number === issue.number)
    expect(resighted?.body).toContain('very-high')
    expect(resighted?.body).not.toBe(firstBody)

    // OSV is down: retried, then a warning; the job still succeeds and the issue keeps its advisories.
    osv.setDown(true)
    try {
      const kept = fake.state.plainIssues().find((i) => i.number === issue.number)?.body
      const outageWrites = fake.writes().length
      const outage = await scheduled(more)
      expect(outage.status).toBe(0)
      expect(outage.stdout).toMatch(/::warning::Threatloop intel: OSV could not be queried at http:\/\/127\.0\.0\.1:\d+ .*HTTP 503/)
      expect(outage.stdout).toContain(`held as they were #${issue.number}`)
      expect(fake.writes().length).toBe(outageWrites)
      expect(fake.state.plainIssues().find((i) => i.number === issue.number)?.body).toBe(kept)
    } finally {
      osv.setDown(false)
    }

    // The component is upgraded: the same issue is rewritten without the advisories.
    const upgraded = repo.commit({ [MODEL]: model('4.17.21') }, 'upgrade lodash')
    await scheduled(upgraded)
    const updated = intelIssues().filter((i) => i.number !== planted.number)
    expect(updated.map((i) => i.number)).toEqual([issue.number])
    expect(updated[0].state).toBe('open')
    expect(updated[0].body).not.toContain('GHSA-35jh-r3h4-6jhm')
    expect(updated[0].body).toContain('T1110')

    // No feed and no advisory left: the issue is closed with a comment, and a re-run writes nothing.
    const quiet = repo.commit({ '.threatloop.yaml': 'intelligence:\n  osv: false\n' }, 'drop the feed')
    await scheduled(quiet)
    const closed = fake.state.plainIssues().find((i) => i.number === issue.number)
    expect(closed?.state).toBe('closed')
    expect(fake.state.commentsOn(issue.number).map((c) => c.body)).toEqual([
      'Threatloop closes this issue: the latest intelligence run found nothing left to propose for this model.'
    ])
    const afterClose = fake.writes().length
    await scheduled(quiet)
    expect(fake.writes().length).toBe(afterClose)
    expect(intelIssues().filter((i) => i.number !== planted.number)).toHaveLength(1)
    expect(fake.state.plainIssues().find((i) => i.number === planted.number)).toMatchObject({
      state: 'open',
      body: '<!-- threatloop:intel:shop -->\nplanted'
    })
  })

  test("a pull request comment links the model's open intelligence issue: ours only, read once, nothing written", async () => {
    const seed = (author: string, state: 'open' | 'closed' = 'open') =>
      fake.state.seedIssue({
        title: 'Threat intelligence update: shop',
        body: '<!-- threatloop:intel:shop -->\nfindings',
        labels: ['threatloop-intel'],
        author,
        state
      })
    const planted = seed('octo-reviewer')
    const closed = seed(GITHUB_BOT_LOGIN, 'closed')
    const ours = seed(GITHUB_BOT_LOGIN)
    const base = repo.commit({ [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX }, 'pr base')
    const head = repo.commit({ [MODEL]: model('4.17.15').replace('title: Exploit', 'title: Exploit of the API') }, 'pr head')
    const pr = fake.state.seedPullRequest({ title: 'Retitle' })
    const before = fake.requests.length
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, base, head),
      sha: head,
      inputs: { 'intel-osv': osv.url, issues: 'off', 'fail-on': 'none' }
    })
    expect(result.status).toBe(0)
    const body = fake.state.commentsOn(pr.number)[0]?.body ?? ''
    expect(body).toContain(`🛰️ **Threat intelligence:** 1 pending proposal for \`shop\` (#${ours.number})`)
    expect(body).toContain(`the scheduled run's "Threat intelligence update" issue: #${ours.number} (\`shop\`).`)
    for (const other of [planted.number, closed.number]) expect(body).not.toMatch(new RegExp(`#${other}\\b`))
    expect(routes(before).filter((r) => r === 'GET /repos/{owner}/{repo}/issues')).toHaveLength(1)
    expect(fake.writes().map((r) => r.route)).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments'])
    expect(intelIssues().map((i) => [i.number, i.state, i.body])).toEqual([
      [planted.number, 'open', '<!-- threatloop:intel:shop -->\nfindings'],
      [closed.number, 'closed', '<!-- threatloop:intel:shop -->\nfindings'],
      [ours.number, 'open', '<!-- threatloop:intel:shop -->\nfindings']
    ])
  })

  test('intel: off leaves the intelligence issues alone', async () => {
    const sha = repo.commit({ [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX }, 'again')
    await scheduled(sha, 'schedule', { intel: 'off' })
    expect(intelIssues()).toHaveLength(0)
  })
})
