import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { GITLAB_BOT_USERNAME, startFakeGitLab, type FakeGitLab } from '../fakes/gitlab-server.js'
import { LODASH_ADVISORIES, startFakeOsv, type FakeOsv } from '../fakes/osv-server.js'
import { defaultBranchEnv, mergeRequestEnv, routesOf, runJob, TempRepo } from './harness.js'

// Scheduled and manually started pipelines of the built CLI (dist/cli.js gitlab) keep one
// "Threat intelligence update" issue per model; merge request notes mention pending proposals.
const STIX = readFileSync(new URL('../intel/fixtures/sightings.stix.json', import.meta.url), 'utf8')
const MODEL = 'threatmodels/shop.threatmodel.yaml'
const model = (lodash: string, extra = ''): string =>
  `threatloop: 1\nmodel: { id: shop, title: Shop }\ncomponents:\n  - { id: api, type: process, technologies: ["pkg:npm/lodash@${lodash}"] }\nthreats:\n  - { id: T-1, title: Exploit${extra}, likelihood: low, references: { attack: [T1190] } }\n`
const CONFIG_WITH_FEED = 'intelligence:\n  stix: [intel/sightings.json]\n  window_days: 3650\n'

let gl: FakeGitLab
let osv: FakeOsv
let repo: TempRepo

beforeAll(async () => {
  osv = await startFakeOsv(LODASH_ADVISORIES)
})
afterAll(async () => {
  await osv.close()
})
beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
})
afterEach(async () => {
  const unhandled = gl.unhandled.map((r) => `${r.method} ${r.path}`)
  await gl.close()
  repo.remove()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const scheduled = (head: string, source = 'schedule', extra: Record<string, string> = {}) =>
  runJob(
    defaultBranchEnv(gl, repo, { head }, { CI_PIPELINE_SOURCE: source, THREATLOOP_ISSUES: 'off', THREATLOOP_INTEL_OSV: osv.url, ...extra }),
    repo.dir
  )
const intelIssues = () => [...gl.state.issues.values()].filter((i) => i.labels.includes('threatloop-intel'))
const notesOnIssue = (iid: number): string[] =>
  [...gl.state.notes.values()].filter((n) => n.issueIid === iid && !n.system).map((n) => n.body)

describe('scheduled intelligence pipelines (GitLab)', () => {
  test('open, leave alone when unchanged, update on new sightings, close when nothing remains; a marked issue by someone else is left alone', async () => {
    const planted = gl.state.seedIssue({
      title: 'Threat intelligence update',
      description: '<!-- threatloop:intel:shop -->\nplanted',
      labels: ['threatloop-intel'],
      author: 'gitlab-maintainer'
    })
    const first = repo.commit({ [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX }, 'model')
    const opened = await scheduled(first)
    expect(opened.stderr).toBe('')
    expect(opened.status).toBe(0)
    const mine = intelIssues().filter((i) => i.iid !== planted.iid)
    if (mine.length !== 1) throw new Error(opened.stdout)
    const issue = mine[0]
    expect(issue).toMatchObject({ title: 'Threat intelligence update: shop', state: 'opened', author: GITLAB_BOT_USERNAME })
    expect(issue.labels).toEqual(['threatloop-intel'])
    expect(issue.description).toContain('<!-- threatloop:intel:shop -->')
    expect(issue.description).toContain('GHSA-35jh-r3h4-6jhm')
    expect(issue.description).toContain('T1110')
    expect(opened.stdout).toContain(`Threatloop intel issues: opened #${issue.iid}`)
    expect(opened.stdout).toMatch(new RegExp(`left alone #${planted.iid}: they carry Threatloop's intelligence marker`))
    const firstBody = issue.description

    // Started again by hand (web) with the same intelligence: one listing and the identity, no write.
    const writes = gl.writes().length
    const before = gl.requests.length
    const rerun = await scheduled(first, 'web')
    expect(rerun.status).toBe(0)
    expect(gl.writes().length).toBe(writes)
    expect(routesOf(gl, before).sort()).toEqual(['GET /api/v4/projects/{id}/issues', 'GET /api/v4/user'])
    expect(rerun.stdout).toContain(`Threatloop intel issues: unchanged #${issue.iid}`)

    // New sightings (started through the API): the same issue is rewritten in one request.
    const more = repo.commit({ 'intel/sightings.json': STIX.replace('"count": 30', '"count": 130') }, 'more sightings')
    const sightingsBefore = gl.requests.length
    await scheduled(more, 'api')
    expect(routesOf(gl, sightingsBefore).filter((r) => !r.startsWith('GET '))).toEqual(['PUT /api/v4/projects/{id}/issues/{iid}'])
    expect(gl.state.issues.get(issue.iid)?.description).toContain('very-high')
    expect(gl.state.issues.get(issue.iid)?.description).not.toBe(firstBody)

    // Nothing left to propose: closed with a note saying why; a re-run writes nothing.
    const quiet = repo.commit(
      { '.threatloop.yaml': 'intelligence:\n  osv: false\n', [MODEL]: model('4.17.21') },
      'no feed, lodash upgraded'
    )
    await scheduled(quiet)
    expect(gl.state.issues.get(issue.iid)?.state).toBe('closed')
    expect(notesOnIssue(issue.iid)).toEqual([
      'Threatloop closes this issue: the latest intelligence run found nothing left to propose for this model.'
    ])
    const afterClose = gl.writes().length
    await scheduled(quiet)
    expect(gl.writes().length).toBe(afterClose)
    expect(gl.state.issues.get(planted.iid)).toMatchObject({ state: 'opened', description: '<!-- threatloop:intel:shop -->\nplanted' })
  })

  test('a push pipeline and THREATLOOP_INTEL=off keep no intelligence issue', async () => {
    const sha = repo.commit({ [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX }, 'model')
    await scheduled(sha, 'push')
    await scheduled(sha, 'schedule', { THREATLOOP_INTEL: 'off' })
    expect(intelIssues()).toHaveLength(0)
  })

  test('a merge request note notes the pending proposals for the models it touches, from the target side feeds and without OSV', async () => {
    const base = repo.commit(
      { [MODEL]: model('4.17.15'), '.threatloop.yaml': `${CONFIG_WITH_FEED}  osv: true\n`, 'intel/sightings.json': STIX },
      'model'
    )
    // The merge request changes the model and tries to plant its own sightings: they are not read.
    const head = repo.commit(
      { [MODEL]: model('4.17.15', ' of the API'), 'intel/sightings.json': STIX.replace('"count": 30', '"count": 9000') },
      'retitle'
    )
    const osvBefore = osv.requests.length
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    expect(result.stderr).toBe('')
    const note = gl.state.notesOn(1).at(-1)?.body ?? ''
    expect(note).toContain('🛰️ **Threat intelligence:** 1 pending proposal for `shop`')
    expect(note).toContain('Pending threat intelligence (1)')
    expect(note).toMatch(/`shop` · threat `T-1` · `likelihood`: `low` → \*\*`high`\*\* — 37 sighting\(s\)/)
    expect(note).not.toContain('9007')
    expect(osv.requests.length).toBe(osvBefore)
    expect(intelIssues()).toHaveLength(0)
    expect(note).toContain('the scheduled run keeps a "Threat intelligence update" issue per model.')
  })

  test("a merge request note links the model's open intelligence issue: ours only, read once, nothing written to it", async () => {
    const seed = (author: string, state: 'opened' | 'closed' = 'opened') =>
      gl.state.seedIssue({
        title: 'Threat intelligence update: shop',
        description: '<!-- threatloop:intel:shop -->\nfindings',
        labels: ['threatloop-intel'],
        author,
        state
      })
    const planted = seed('gitlab-maintainer')
    const closed = seed(GITLAB_BOT_USERNAME, 'closed')
    const ours = seed(GITLAB_BOT_USERNAME)
    const base = repo.commit({ [MODEL]: model('4.17.15'), '.threatloop.yaml': CONFIG_WITH_FEED, 'intel/sightings.json': STIX }, 'model')
    const head = repo.commit({ [MODEL]: model('4.17.15', ' of the API') }, 'retitle')
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    expect(result.stderr).toBe('')
    const note = gl.state.notesOn(1).at(-1)?.body ?? ''
    expect(note).toContain(`🛰️ **Threat intelligence:** 1 pending proposal for \`shop\` (#${ours.iid})`)
    expect(note).toContain(`the scheduled run's "Threat intelligence update" issue: #${ours.iid} (\`shop\`).`)
    for (const other of [planted.iid, closed.iid]) expect(note).not.toMatch(new RegExp(`#${other}\\b`))
    expect(gl.requests.filter((r) => r.method === 'GET' && r.query.labels === 'threatloop-intel')).toHaveLength(1)
    expect(intelIssues().map((i) => [i.iid, i.state, i.description])).toEqual([
      [planted.iid, 'opened', '<!-- threatloop:intel:shop -->\nfindings'],
      [closed.iid, 'closed', '<!-- threatloop:intel:shop -->\nfindings'],
      [ours.iid, 'opened', '<!-- threatloop:intel:shop -->\nfindings']
    ])
    expect(gl.requests.filter((r) => r.method !== 'GET' && r.path.includes('/issues'))).toEqual([])
  })
})
