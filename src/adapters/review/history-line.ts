/**
 * One history line from a review and the side it reviewed: the only place that turns a review into
 * a snapshot line, used by `threatloop snapshot` and by the CI history store (issue 19).
 */
import { buildSnapshot, type SnapshotLine } from '../../core/history/snapshot.js'
import type { ModelDocument } from '../../core/model/schema.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import type { Review } from '../../core/review/types.js'
import type { Snapshot } from './snapshot.js'

/** Largest model file read again for its document (the review read it under the same bound). */
const MODEL_BYTES_MAX = 16 * 1024 * 1024

/** The snapshot line of `side` (the head the review describes), dated `date`, for `commit`. */
export async function historyLineOf(review: Review, side: Snapshot, date: string, commit: string | null): Promise<SnapshotLine> {
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
  return buildSnapshot({ review, documents, date, commit })
}
