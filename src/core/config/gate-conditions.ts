// The gate conditions, in a module of their own so the action's entry can validate its inputs
// without loading the configuration schema (and zod) before its first request.

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
  'unapproved-acceptance'
] as const
