import { importModel, type ImportFormat, type IncludeRead } from '../import/index.js'
import { loadModel, type DocumentLocator, type LoadedModel, type ModelSource } from '../model/load.js'
import { ELEMENT_SECTIONS } from '../model/schema.js'
import type { Problem } from '../problems.js'
import type { ParseLimits, TextPosition } from '../model/yaml-document.js'

/** A model file loaded from any supported format. */
export interface ModelFileResult {
  file: string
  format: 'native' | ImportFormat | 'unknown'
  model: LoadedModel | undefined
  problems: Problem[]
  /** What the source format cannot express (imported files only). */
  notExpressible: string[]
}

/** A native model declares `threatloop:` at the top level; anything else goes to the importers. */
function looksNative(text: string): boolean {
  return /^\s*["']?threatloop["']?\s*:/m.test(text) || /"threatloop"\s*:/.test(text.slice(0, 4096))
}

function textOf(content: Uint8Array | string): string {
  return typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: false }).decode(content.subarray(0, 65536))
}

/** Loads a native model, or imports a foreign one into the native model, keeping positions. */
export function loadModelFile(
  source: ModelSource,
  options: { limits?: Partial<ParseLimits>; readInclude?: (path: string) => IncludeRead } = {}
): ModelFileResult {
  if (looksNative(textOf(source.content))) {
    const result = loadModel(source, { limits: options.limits })
    return { file: source.path, format: 'native', model: result.model, problems: result.problems, notExpressible: [] }
  }
  const imported = importModel(source, { limits: options.limits, readInclude: options.readInclude })
  const format = imported.detected.format === 'native' ? 'unknown' : imported.detected.format
  if (!imported.document || !imported.index) {
    return { file: source.path, format, model: undefined, problems: imported.problems, notExpressible: imported.notExpressible }
  }
  const index = imported.index
  const document = imported.document
  // Native paths point at elements; an imported element's position is its origin in the foreign file.
  const locator: DocumentLocator = {
    locate(path): TextPosition {
      if (path.length >= 2 && typeof path[1] === 'number') {
        const section = ELEMENT_SECTIONS.find(([name]) => name === path[0])
        const list = section ? document[section[0]] : undefined
        const id = list?.[path[1]]?.id
        const position = id === undefined ? undefined : index.positionOf(id)
        if (position) return position
      }
      return { line: 1, column: 1 }
    }
  }
  return {
    file: source.path,
    format,
    model: { file: source.path, document, index, sourceMap: locator, skippedRules: imported.skippedRules },
    problems: imported.problems,
    notExpressible: imported.notExpressible
  }
}
