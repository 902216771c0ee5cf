/**
 * One history line from a review and the side it reviewed: the only place that turns a review into
 * a snapshot line, used by `threatloop snapshot` and by the CI history store (issue 19).
 */
import { buildSnapshot, type SnapshotLine } from '../../core/history/snapshot.js'
import type { ModelDocument } from '../../core/model/schema.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import type { Review } from '../../core/review/types.js'
import type { Snapshot } from './snapshot.js'

/** Open tracker issues per model id with their creation dates (what a snapshot's issue ages come from). */
export type OpenIssuesByModel = ReadonlyMap<string, { createdAt: string }[]>

/**
 * The open mitigation issues of each reviewed model, from the tracker's issues (ours, as the run
 * leaves them, each with the key of its marker). Every model gets an entry, empty when it has no
 * open issue: the tracker was listed. A model with an open issue whose creation date the listing
 * did not state gets none (its ages are unknown, not invented).
 */
export function openIssuesByModel(
  review: Review,
  issues: readonly { key: string | undefined; state: 'open' | 'closed'; createdAt: string | null }[]
): OpenIssuesByModel {
  const byModel = new Map<string, { createdAt: string }[] | null>(review.models.map((m) => [m.modelId, []]))
  // Longest model id first: ids may contain `/`, so `a/b/M-1` belongs to model `a/b` before `a`.
  const ids = [...byModel.keys()].sort((a, b) => b.length - a.length)
  for (const issue of issues) {
    if (issue.state !== 'open') continue
    const key = issue.key
    const modelId = key === undefined ? undefined : ids.find((id) => key.startsWith(`${id}/`))
    if (modelId === undefined) continue
    const list = byModel.get(modelId)
    if (list === null || list === undefined) continue
    if (issue.createdAt === null) byModel.set(modelId, null)
    else list.push({ createdAt: issue.createdAt })
  }
  const known = new Map<string, { createdAt: string }[]>()
  for (const [id, list] of byModel) if (list !== null) known.set(id, list)
  return known
}

/** Largest model file read again for its document (the review read it under the same bound). */
const MODEL_BYTES_MAX = 16 * 1024 * 1024

/**
 * The snapshot line of `side` (the head the review describes), dated `date`, for `commit`; with
 * the open tracker issues per model when the run listed the tracker (else their ages are unknown).
 */
export async function historyLineOf(
  review: Review,
  side: Snapshot,
  date: string,
  commit: string | null,
  tracker?: OpenIssuesByModel
): Promise<SnapshotLine> {
  const files = review.models.map((m) => m.head?.file).filter((f): f is string => f !== undefined)
  const reads = await side.readFiles(files, MODEL_BYTES_MAX)
  const documents = new Map<string, { document: ModelDocument; file: string }>()
  for (const model of review.models) {
    const file = model.head?.file
    const read = file ? reads.get(file) : undefined
    if (!file || !read || !('content' in read)) continue
    const loaded = loadModelFile({ path: file, content: read.content })
    if (loaded.model) documents.set(model.modelId, { document: loaded.model.document, file })
  }
  return buildSnapshot({ review, documents, date, commit, ...(tracker ? { tracker } : {}) })
}
