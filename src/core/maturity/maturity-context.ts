/*
 * The run context maturity checks read. Platform evidence (comment posted, reports written,
 * tracker listed and read back, catalogue date) comes only from `observed`, what the pipeline saw
 * this run do; a field it could not observe is null there, and a check that needs it is "not
 * observable here". Configuration evidence (rules, tracker sync, knowledge base, templates) is
 * what the trusted configuration loaded. Nothing defaults to "observed".
 */

import { unobservedEvidence, type ObservedEvidence } from '../review/observed.js'
import type { Observable } from './maturity-schema.js'

export const MATURITY_PLATFORMS = ['github', 'gitlab', 'local'] as const
export const MATURITY_EVENTS = ['pull_request', 'push', 'schedule', 'manual'] as const

/** What the review knows about the run, as the review fills it in. */
export interface MaturityContext {
  platform?: (typeof MATURITY_PLATFORMS)[number]
  event?: (typeof MATURITY_EVENTS)[number]
  /** What the run observed on its platform; absent means nothing was observed (a library call). */
  observed?: ObservedEvidence
  trackerSync?: {
    /** Issue sync is switched on in the configuration (preview or write). */
    enabled: boolean
    /** Ids of this model's mitigations that listed tracker issues link to (only known when the tracker was listed). */
    linkedMitigations?: readonly string[]
  }
  rules?: { builtin: number; custom: number }
  knowledgeBase?: {
    cwe?: boolean
    capec?: boolean
    attack?: boolean
    /** Organisation templates or knowledge-base entries loaded besides the public catalogues. */
    organisation?: boolean
  }
  /**
   * Modelling errors of the model under assessment: error problems of its file and unsuppressed
   * high or critical findings of the built-in model-quality rules. Design risks never count.
   */
  modelErrors?: number
  /** `model.templates` entries that name a model file, a model id or a catalogue entry that exists. */
  resolvedTemplates?: readonly string[]
}

function big(n: number | undefined | null): bigint {
  return BigInt(Math.trunc(n ?? 0))
}

/** What the run observed, with unknowns as false / -1; checks guard them with `needs`. */
export class RunView {
  constructor(
    readonly inCi: boolean,
    readonly commentPosted: boolean,
    readonly summaryWritten: boolean,
    readonly jsonReportWritten: boolean,
    readonly sarifWritten: boolean,
    readonly codeQualityWritten: boolean,
    readonly trackerListed: boolean,
    /** -1 when the tracker was not listed. */
    readonly trackerDrift: bigint
  ) {}
}

export class TrackerSyncView {
  constructor(
    readonly enabled: boolean,
    readonly linkedMitigations: string[]
  ) {}
}

export class RuleCountsView {
  constructor(
    readonly builtin: bigint,
    readonly custom: bigint
  ) {}
}

export class KnowledgeBaseStateView {
  constructor(
    readonly cwe: boolean,
    readonly capec: boolean,
    readonly attack: boolean,
    /** Days since the catalogues' release date; -1 when the run does not know it. */
    readonly ageDays: bigint,
    readonly organisation: boolean
  ) {}
}

export class TemplatesView {
  constructor(
    /** `model.templates` entries that exist (a model file, a model id or a catalogue entry). */
    readonly resolved: string[],
    /** Resolved entries that some threat names as its `origin`. */
    readonly used: string[]
  ) {}
}

const DAY_MS = 86_400_000

function ageInDays(date: string | null, today: string): number {
  if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return -1
  const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS)
  return Number.isFinite(days) && days >= 0 ? days : -1
}

/** The `context` variable of maturity checks. */
export class MaturityContextView {
  readonly platform: string
  readonly event: string
  readonly run: RunView
  readonly trackerSync: TrackerSyncView
  readonly rules: RuleCountsView
  readonly knowledgeBase: KnowledgeBaseStateView
  readonly modelErrors: bigint
  readonly templates: TemplatesView
  /** Which observations this run made, for `needs`. */
  readonly observable: ReadonlySet<Observable>

  constructor(
    readonly today: string,
    context: MaturityContext,
    templates: TemplatesView = new TemplatesView([], [])
  ) {
    const observed = context.observed ?? unobservedEvidence(context.platform ?? 'local')
    const kb = context.knowledgeBase ?? {}
    const age = ageInDays(observed.knowledgeBaseDate, today)
    this.platform = context.platform ?? ''
    this.event = context.event ?? ''
    this.run = new RunView(
      observed.inCi,
      observed.commentPosted === true,
      observed.summaryWritten === true,
      observed.jsonReportWritten === true,
      observed.sarifWritten === true,
      observed.codeQualityWritten === true,
      observed.trackerListed === true,
      observed.trackerListed === true && observed.trackerDrift !== null ? big(observed.trackerDrift) : -1n
    )
    const listed = observed.trackerListed === true
    this.trackerSync = new TrackerSyncView(
      context.trackerSync?.enabled ?? false,
      listed ? [...(context.trackerSync?.linkedMitigations ?? [])] : []
    )
    this.rules = new RuleCountsView(big(context.rules?.builtin), big(context.rules?.custom))
    this.knowledgeBase = new KnowledgeBaseStateView(
      kb.cwe ?? false,
      kb.capec ?? false,
      kb.attack ?? false,
      BigInt(age),
      kb.organisation ?? false
    )
    this.modelErrors = big(context.modelErrors)
    this.templates = templates
    const seen = new Set<Observable>()
    const add = (name: Observable, value: boolean | number | string | null): void => {
      if (value !== null) seen.add(name)
    }
    add('comment-posted', observed.commentPosted)
    add('summary-written', observed.summaryWritten)
    add('json-report-written', observed.jsonReportWritten)
    add('sarif-written', observed.sarifWritten)
    add('code-quality-written', observed.codeQualityWritten)
    add('tracker-listed', observed.trackerListed)
    if (listed) add('tracker-drift', observed.trackerDrift)
    if (age >= 0) seen.add('knowledge-base-date')
    if (kb.cwe || kb.capec || kb.attack) seen.add('knowledge-base')
    // A run on a CI platform knows what it does there; a local run cannot tell whether the project runs the review in CI.
    if (context.observed !== undefined && observed.platform !== 'local') seen.add('in-ci')
    this.observable = seen
  }
}

/** Human words for an observation, for "not observable here: …". */
export const OBSERVABLE_LABELS: Readonly<Record<Observable, string>> = {
  'comment-posted': 'whether a review comment was posted',
  'summary-written': 'whether a job summary was written',
  'json-report-written': 'whether a JSON report was written',
  'sarif-written': 'whether a SARIF report was written',
  'code-quality-written': 'whether a Code Quality report was written',
  'tracker-listed': 'the tracker (its issues were not listed in this run)',
  'tracker-drift': 'drift between tracker and model (the issues were not read back in this run)',
  'knowledge-base-date': 'the release date of the knowledge-base catalogues',
  'knowledge-base': 'the CWE, CAPEC and ATT&CK catalogues (none loaded)',
  'in-ci': 'whether the review runs in CI (a local run cannot tell, and this run did not report it)'
}
