/*
 * The run context maturity checks read: what the review observed about how the model is used
 * (platform, event, tracker sync, rules, outputs, knowledge base, error findings). The review
 * fills it in; every part is optional, and a missing part reads as "not observed" (false, 0,
 * empty), so a check that needs the evidence fails instead of guessing.
 */

export const MATURITY_PLATFORMS = ['github', 'gitlab', 'local'] as const
export const MATURITY_EVENTS = ['pull_request', 'push', 'schedule', 'manual'] as const

/** What the review observed, as the review fills it in. */
export interface MaturityContext {
  platform?: (typeof MATURITY_PLATFORMS)[number]
  event?: (typeof MATURITY_EVENTS)[number]
  trackerSync?: {
    /** Issue sync is switched on for this repository. */
    enabled: boolean
    /** Ids of this model's mitigations the sync found linked to an issue. */
    linkedMitigations?: readonly string[]
    /** Mitigations whose issue state disagrees with the model (e.g. closed by hand while planned). */
    drift?: number
    /** Whether the sync read the issues back on this run (drift is only known then). */
    readBack?: boolean
    /** The synced issues carry severity and mitigation-type labels. */
    labels?: boolean
  }
  rules?: { builtin: number; custom: number }
  outputs?: { comment?: boolean; summary?: boolean; json?: boolean; sarif?: boolean; codeQuality?: boolean }
  knowledgeBase?: {
    cwe?: boolean
    capec?: boolean
    attack?: boolean
    /** Age in days of the oldest loaded catalogue, when the review knows it. */
    ageDays?: number
    /** Organisation templates or knowledge-base entries loaded besides the public catalogues. */
    organisation?: boolean
  }
  /** Error-severity problems and findings of the model under assessment (validation and rules). */
  errorFindings?: number
}

function big(n: number | undefined): bigint {
  return BigInt(Math.trunc(n ?? 0))
}

export class TrackerSyncView {
  constructor(
    readonly enabled: boolean,
    readonly linkedMitigations: string[],
    readonly drift: bigint,
    readonly readBack: boolean,
    readonly labels: boolean
  ) {}
}

export class RuleCountsView {
  constructor(
    readonly builtin: bigint,
    readonly custom: bigint
  ) {}
}

export class OutputsView {
  constructor(
    readonly comment: boolean,
    readonly summary: boolean,
    readonly json: boolean,
    readonly sarif: boolean,
    readonly codeQuality: boolean
  ) {}
}

export class KnowledgeBaseStateView {
  constructor(
    readonly cwe: boolean,
    readonly capec: boolean,
    readonly attack: boolean,
    /** -1 when the review does not know the catalogues' age. */
    readonly ageDays: bigint,
    readonly organisation: boolean
  ) {}
}

/** The `context` variable of maturity checks. */
export class MaturityContextView {
  readonly platform: string
  readonly event: string
  readonly trackerSync: TrackerSyncView
  readonly rules: RuleCountsView
  readonly outputs: OutputsView
  readonly knowledgeBase: KnowledgeBaseStateView
  readonly errorFindings: bigint

  constructor(
    readonly today: string,
    context: MaturityContext
  ) {
    const sync = context.trackerSync
    const outputs = context.outputs ?? {}
    const kb = context.knowledgeBase ?? {}
    this.platform = context.platform ?? ''
    this.event = context.event ?? ''
    this.trackerSync = new TrackerSyncView(sync?.enabled ?? false, [...(sync?.linkedMitigations ?? [])], big(sync?.drift), sync?.readBack ?? false, sync?.labels ?? false)
    this.rules = new RuleCountsView(big(context.rules?.builtin), big(context.rules?.custom))
    this.outputs = new OutputsView(outputs.comment ?? false, outputs.summary ?? false, outputs.json ?? false, outputs.sarif ?? false, outputs.codeQuality ?? false)
    this.knowledgeBase = new KnowledgeBaseStateView(kb.cwe ?? false, kb.capec ?? false, kb.attack ?? false, kb.ageDays === undefined ? -1n : big(kb.ageDays), kb.organisation ?? false)
    this.errorFindings = big(context.errorFindings)
  }
}
