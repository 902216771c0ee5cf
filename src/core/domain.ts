/**
 * The domain's constants, in one place: what a mitigation status means, the default gate and its
 * settings, issue modes, the tool's version, the configuration file's name, how a date is written
 * and which paths count as inside the repository. Every other module imports them from here; a
 * lint rule (eslint.config.js, `no-restricted-syntax`) and __tests__/core/domain.test.ts keep
 * copies from coming back.
 *
 * No runtime imports: the action's entry reads it before its first request.
 */

/** The tool's version (package.json's; a test keeps the two equal). */
export const VERSION = '0.1.0'

/** The repository configuration file, at the repository root. */
export const CONFIG_FILE = '.threatloop.yaml'

/** Mitigation statuses, in the order work moves through them (`rejected` last). */
export const MITIGATION_STATUSES = ['proposed', 'planned', 'in-progress', 'implemented', 'verified', 'existing', 'rejected'] as const
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number]

/** Statuses that put a control in place today (the residual view, work done, a tracker issue closed as completed). */
export const IN_PLACE_STATUSES: ReadonlySet<MitigationStatus> = new Set(['implemented', 'verified', 'existing'])
/** Statuses of planned work (the risk engine's what-if views). */
export const PLANNED_STATUSES: ReadonlySet<MitigationStatus> = new Set(['planned', 'in-progress'])
/** Statuses of work still open: not in place and not rejected (tracker issues, mitigation value). */
export const OPEN_STATUSES: ReadonlySet<MitigationStatus> = new Set(['proposed', 'planned', 'in-progress'])

/** Gate conditions a run can fail or warn on (docs/risk-engine.md §6; README `.threatloop.yaml` `gate:`). */
export const GATE_CONDITIONS = [
  'validation-error',
  'new-finding-critical',
  'new-finding-high',
  'new-finding-medium',
  'new-finding-low',
  'new-critical',
  'new-high',
  'severity-increase',
  'severity-increase-to-critical',
  'ale-mean-increase',
  'ale-p90-increase',
  'maturity-regression',
  'model-drift',
  'unapproved-acceptance',
  'new-attack-surface'
] as const
export type GateCondition = (typeof GATE_CONDITIONS)[number]

/** Which gate conditions fail a run and which only warn. */
export interface GateSettings {
  failOn: readonly string[]
  warnOn: readonly string[]
}

/**
 * The default gate (docs/risk-engine.md §6): fail on a new critical threat or an increase to
 * critical; warn on a new high threat, any severity increase, a material mean-ALE or P90 increase
 * and an unapproved acceptance. Validation errors fail whatever the settings say.
 */
export const DEFAULT_GATE_SETTINGS: GateSettings = {
  failOn: ['new-critical', 'severity-increase-to-critical'],
  warnOn: ['new-high', 'severity-increase', 'ale-mean-increase', 'ale-p90-increase', 'unapproved-acceptance']
}

/** Tracker issue modes as configured (`auto` writes only where the run may). */
export const ISSUE_MODES = ['off', 'preview', 'write', 'auto'] as const
export type IssueModeSetting = (typeof ISSUE_MODES)[number]
/** The issue mode a run ends up with once `auto` is decided. */
export type IssueMode = Exclude<IssueModeSetting, 'auto'>

/** A date as the models, rules and reports write it: `YYYY-MM-DD` (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Today as `YYYY-MM-DD` (UTC). Core code takes today as an input; adapters call this. */
export function today(now: Date = new Date()): string {
  return isoDate(now)
}

/**
 * The path rule for paths written in models and configuration: relative to the repository root,
 * forward slashes, no leading `/`, no drive letter, no `..` segment.
 */
export function isRepositoryPath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && !/^[A-Za-z]:\//.test(path) && !path.split('/').includes('..')
}
