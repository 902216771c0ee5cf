import type { IssueMode } from '../domain.js'
import type { MitigationStatus, Severity } from '../model/schema.js'

/** The issue a mitigation should have, derived from the head model. */
export interface DesiredIssue {
  /** `<model-id>/<mitigation-id>`: what the hidden marker ties the issue to. */
  key: string
  modelId: string
  mitigationId: string
  status: MitigationStatus
  /** open for proposed/planned/in-progress; closed otherwise. */
  state: 'open' | 'closed'
  /** Why a closed issue is closed. */
  closeReason?: 'completed' | 'not_planned'
  title: string
  /** Body including the hidden marker and content hash. */
  body: string
  /** Hash of title, body and labels, kept in the body so unchanged issues are never rewritten. */
  hash: string
  labels: string[]
  /** Owner of the mitigation, a candidate assignee (the adapter checks it is a real user). */
  assignee?: string
  /** Highest residual severity of the threats it addresses. */
  severity: Severity | null
}

/** An issue as the tracker lists it (pull requests already filtered out). */
export interface ExistingIssue {
  number: number
  state: 'open' | 'closed'
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null
  title: string
  body: string
  labels: string[]
  assignees: string[]
  url?: string
}

/** One operation for the adapter to carry out, in order. */
export type IssueOperation =
  | { op: 'create'; key: string; title: string; body: string; labels: string[]; assignee?: string }
  | { op: 'update'; key: string; number: number; title: string; body: string; labels: string[] }
  | { op: 'close'; key: string; number: number; reason: 'completed' | 'not_planned'; comment: string }
  | { op: 'reopen'; key: string; number: number; comment: string }

/** A disagreement between the tracker and the model that a person should look at. */
export interface IssueDrift {
  key: string
  number: number
  kind: 'closed-while-open-in-model' | 'open-while-done-in-model' | 'duplicate-issue'
  message: string
}

/** The tracker plan of one review: operations (executed only in write mode) and drift. */
export interface IssueSyncPlan {
  mode: IssueMode
  operations: IssueOperation[]
  drift: IssueDrift[]
  /** Counts for the comment ("will open 3 issues"). */
  summary: { create: number; update: number; close: number; reopen: number; unchanged: number }
  /** Operations left out because of the per-run cap. */
  deferred: number
}
