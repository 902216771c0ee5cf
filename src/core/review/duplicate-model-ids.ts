import type { Problem } from '../problems.js'
import type { TextPosition } from '../model/yaml-document.js'

/** A model file that loaded, with its model id and where the id is written. */
export interface DeclaredModelId {
  file: string
  modelId: string
  position: TextPosition
}

/**
 * One warning per file that declares a model id an earlier file (in path order) already declares,
 * naming both files: reviews pair base and head by model id and mitigation issues are keyed by it,
 * so a copied model needs its own id.
 */
export function duplicateModelIdProblems(declared: readonly DeclaredModelId[]): Problem[] {
  const first = new Map<string, DeclaredModelId>()
  const problems: Problem[] = []
  for (const entry of [...declared].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const earlier = first.get(entry.modelId)
    if (earlier === undefined) {
      first.set(entry.modelId, entry)
      continue
    }
    problems.push({
      file: entry.file,
      line: entry.position.line,
      column: entry.position.column,
      path: 'model.id',
      severity: 'warning',
      code: 'model/duplicate-model-id',
      message: `model id \`${entry.modelId}\` of ${entry.file} is also declared by ${earlier.file}; reviews pair models and mitigation issues by model id, so give each file its own id`,
      elementId: entry.modelId
    })
  }
  return problems
}
