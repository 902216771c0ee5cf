/**
 * What this run actually did or observed on its platform, passed in by the pipeline (never
 * constant). Maturity checks that rest on platform evidence read it; `null` means "not
 * observable in this run" (e.g. a local CLI run has no tracker), which a check must report as
 * such instead of passing or failing.
 */
export interface ObservedEvidence {
  platform: 'github' | 'gitlab' | 'local'
  /** True when running in a CI job (Actions, GitLab CI). */
  inCi: boolean
  /** The review comment / MR note is posted or updated by this run. */
  commentPosted: boolean | null
  /** Reports this run writes. */
  sarifWritten: boolean | null
  codeQualityWritten: boolean | null
  jsonReportWritten: boolean | null
  summaryWritten: boolean | null
  /** The tracker's issues were listed and read back by this run. */
  trackerListed: boolean | null
  /** Drift items found between tracker and model when listed (null when not listed). */
  trackerDrift: number | null
  /** Release date (YYYY-MM-DD) of the knowledge-base catalogues used, when known. */
  knowledgeBaseDate: string | null
}

/** Evidence for a run that observed nothing beyond its own files (e.g. a library call). */
export function unobservedEvidence(platform: ObservedEvidence['platform'] = 'local'): ObservedEvidence {
  return {
    platform,
    inCi: false,
    commentPosted: null,
    sarifWritten: null,
    codeQualityWritten: null,
    jsonReportWritten: null,
    summaryWritten: null,
    trackerListed: null,
    trackerDrift: null,
    knowledgeBaseDate: null
  }
}
