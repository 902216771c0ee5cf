import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { applyIssueOperations, mergeLabels, ownIssues } from '../../src/adapters/platform/issue-loop.js'
import { localPlatform, terminalLogger } from '../../src/adapters/platform/local.js'
import { effectiveIssueMode, runPipeline } from '../../src/adapters/platform/pipeline.js'
import type { ApiFailure, IssueTracker, TrackedIssue } from '../../src/adapters/platform/platform.js'
import { folderSnapshot } from '../../src/adapters/review/snapshot.js'
import type { IssueOperation } from '../../src/core/tracker/types.js'

const scratch = mkdtempSync(join(tmpdir(), 'threatloop-pipeline-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('the one pipeline on the local platform (the CLI preview)', () => {
  test('reviews two folders, writes the reports it is asked for, previews issues, and returns the gate', async () => {
    const lines: string[] = []
    const platform = localPlatform({
      change: {
        event: 'manual',
        scope: 'other-branch',
        base: folderSnapshot('examples/demo/base', 'base'),
        head: folderSnapshot('examples/demo/head', 'head')
      },
      cwd: scratch,
      logger: terminalLogger((line) => lines.push(line))
    })
    const result = await runPipeline(platform, {
      paths: [],
      configPath: '.threatloop.yaml',
      configFrom: 'auto',
      issues: { label: 'threatloop' },
      comment: true,
      iterations: 1000,
      reports: { json: 'out/review.json', sarif: 'out/review.sarif', codeQuality: 'out/cq.json' },
      fullReportHint: 'Run with --format json for everything.'
    })
    expect(result.exit).toBe(1)
    expect(result.failure).toContain('new critical threat')
    expect(result.review?.issues?.mode).toBe('preview')
    expect(result.review?.issues?.summary.create).toBeGreaterThan(0)
    const sarif = JSON.parse(readFileSync(join(scratch, 'out/review.sarif'), 'utf8')) as { runs: { results: unknown[] }[] }
    // SARIF holds every head finding (new and unchanged); Code Quality (scope new) only the new ones.
    expect(sarif.runs[0].results).toHaveLength(result.review!.totals.findings.new + result.review!.totals.findings.unchanged)
    expect(JSON.parse(readFileSync(join(scratch, 'out/cq.json'), 'utf8'))).toHaveLength(result.review!.totals.findings.new)
    expect(result.outputs.sarif).toBe(join(scratch, 'out/review.sarif'))
    expect(lines).toContain('gate: fail — the job fails')
    expect(lines.some((l) => l.startsWith('mitigation issues (preview): '))).toBe(true)
  })

  test('every log line goes through the sanitiser', () => {
    const lines: string[] = []
    const logger = terminalLogger((line) => lines.push(line))
    logger.info('\u001b[2J::warning::fake\r##[error]x')
    // eslint-disable-next-line no-control-regex -- the escape character is what is checked
    expect(lines[0]).not.toMatch(/\u001b|\r|##\[|^::/)
  })
})

describe('one rule for the issue mode', () => {
  test('auto writes only on a push to the default branch; write on any default-branch run; change requests preview', () => {
    expect(effectiveIssueMode('auto', 'default-branch', 'push')).toBe('write')
    expect(effectiveIssueMode('auto', 'default-branch', 'schedule')).toBe('preview')
    expect(effectiveIssueMode('write', 'default-branch', 'schedule')).toBe('write')
    expect(effectiveIssueMode('write', 'change-request', 'pull_request')).toBe('preview')
    expect(effectiveIssueMode('auto', 'other-branch', 'push')).toBe('preview')
    expect(effectiveIssueMode('off', 'default-branch', 'push')).toBe('off')
  })
})

describe('the issue loop', () => {
  const issue = (number: number, author: string, marked = true): TrackedIssue => ({
    number,
    state: 'open',
    title: 't',
    body: marked ? `<!-- threatloop:mitigation:m/M-${number} -->` : 'plain',
    labels: ['threatloop', 'severity:high', 'team:payments'],
    assignees: [],
    author,
    createdAt: null
  })

  test('ours = marker plus our identity (case-insensitive); unmarked issues pass through', () => {
    const { ours, foreign } = ownIssues(
      [issue(1, 'Github-Actions[bot]'), issue(2, 'evil[bot]'), issue(3, 'someone', false)],
      'github-actions[bot]'
    )
    expect(ours.map((i) => i.number)).toEqual([1, 3])
    expect(foreign.map((i) => i.number)).toEqual([2])
  })

  test("people's labels survive; managed ones follow the model", () => {
    expect(mergeLabels(['threatloop', 'severity:high', 'team:payments'], ['threatloop', 'severity:medium'], 'threatloop')).toEqual([
      'threatloop',
      'severity:medium',
      'team:payments'
    ])
    // The `issues.top_value` label is Threatloop's too: it leaves an issue that dropped out of the top.
    expect(mergeLabels(['threatloop', 'top-value', 'team:payments'], ['threatloop'], 'threatloop', ['Top-Value'])).toEqual([
      'threatloop',
      'team:payments'
    ])
  })

  /** A tracker that records calls and fails as told, to pin the stopping rule. */
  function recording(fail: (call: string) => ApiFailure | undefined): { tracker: IssueTracker; calls: string[] } {
    const calls: string[] = []
    const run = (call: string): Promise<void> => {
      calls.push(call)
      const failure = fail(call)
      return failure ? Promise.reject(Object.assign(new Error(failure.message), failure)) : Promise.resolve()
    }
    return {
      calls,
      tracker: {
        list: () => Promise.resolve({ issues: [] }),
        create: async (op) => (await run(`create ${op.key}`), { number: 100 + calls.length }),
        edit: (edit) => run(`edit #${edit.number}${edit.state ? ` ${edit.state}` : ''}${edit.body !== undefined ? ' body' : ''}`),
        comment: (number) => run(`comment #${number}`)
      }
    }
  }
  const ops: IssueOperation[] = [
    { op: 'update', key: 'm/M-1', number: 1, title: 't', body: 'b', labels: ['threatloop'] },
    { op: 'close', key: 'm/M-1', number: 1, reason: 'completed', comment: 'done' },
    { op: 'reopen', key: 'm/M-2', number: 2, comment: 'again' },
    { op: 'create', key: 'm/M-3', title: 't', body: 'b', labels: ['threatloop'] },
    { op: 'create', key: 'm/M-4', title: 't', body: 'b', labels: ['threatloop'] }
  ]
  const describe = (error: unknown): ApiFailure => {
    const { status, message, readOnly } = error as ApiFailure
    return { status, message, readOnly }
  }

  test('operations on one issue merge into one edit; close comments before, reopen after', async () => {
    const { tracker, calls } = recording(() => undefined)
    const result = await applyIssueOperations(tracker, ops, [issue(1, 'me'), issue(2, 'me')], 'threatloop', describe)
    expect(calls).toEqual(['comment #1', 'edit #1 closed body', 'edit #2 open', 'comment #2', 'create m/M-3', 'create m/M-4'])
    expect(result).toMatchObject({ updated: [1], closed: [1], reopened: [2], notAttempted: 0, failed: [] })
    expect(result.created).toHaveLength(2)
  })

  test('a 5xx stops the rest; a 422 is recorded and the rest goes on; a 403 stops everything as read-only', async () => {
    const fiveHundred = recording((call) =>
      call === 'edit #2 open' ? { status: 502, message: 'Bad Gateway', readOnly: false } : undefined
    )
    const stopped = await applyIssueOperations(fiveHundred.tracker, ops, [], 'threatloop', describe)
    expect(fiveHundred.calls).toEqual(['comment #1', 'edit #1 closed body', 'edit #2 open'])
    expect(stopped.notAttempted).toBe(2)
    expect(stopped.failed).toEqual([{ op: 'reopen', key: 'm/M-2', message: '502: Bad Gateway' }])

    const refused = recording((call) =>
      call === 'edit #2 open' ? { status: 422, message: 'Validation Failed', readOnly: false } : undefined
    )
    const goesOn = await applyIssueOperations(refused.tracker, ops, [], 'threatloop', describe)
    expect(refused.calls.slice(-2)).toEqual(['create m/M-3', 'create m/M-4'])
    expect(goesOn.notAttempted).toBe(0)

    const readOnly = recording(() => ({ status: 403, message: 'Resource not accessible by integration', readOnly: true }))
    const none = await applyIssueOperations(readOnly.tracker, ops, [], 'threatloop', describe)
    expect(readOnly.calls).toEqual(['comment #1'])
    expect(none).toMatchObject({ readOnly: 'Resource not accessible by integration', notAttempted: 5, failed: [] })
  })
})
