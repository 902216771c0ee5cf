import type { Importer } from './importer.js'
import { otmImporter } from './otm.js'
import { threagileImporter } from './threagile.js'
import { threatComposerImporter } from './threat-composer.js'
import { threatDragonImporter } from './threat-dragon.js'
import { tmBomImporter } from './tm-bom.js'

/**
 * Every foreign format the importer reads, one module each. Detection asks each in turn; the
 * order only breaks exact ties of the detection score.
 */
export const IMPORTERS = [otmImporter, threagileImporter, threatDragonImporter, threatComposerImporter, tmBomImporter] as const

type FormatsOf<I> = I extends Importer<infer F> ? F : never

/** The foreign format names the importer reads. */
export type ImportFormat = FormatsOf<(typeof IMPORTERS)[number]>

/** The importer that reads a format. */
export function importerFor(format: ImportFormat): Importer<ImportFormat> {
  const found = IMPORTERS.find((importer) => Object.hasOwn(importer.formats, format))
  if (!found) throw new Error(`no importer reads ${format}`)
  return found as unknown as Importer<ImportFormat>
}

/** The foreign formats, in registry order. */
export function importFormats(): ImportFormat[] {
  return IMPORTERS.flatMap((importer) => Object.keys(importer.formats) as ImportFormat[])
}

/** Human names of the formats (and of the native format), for messages. */
export function formatName(format: ImportFormat | 'native'): string {
  if (format === 'native') return 'Threatloop native'
  return (importerFor(format).formats as Record<string, string>)[format]
}

/** The default globs of every importer, for discovery (content detection confirms each match). */
export function importGlobs(): string[] {
  return [...new Set(IMPORTERS.flatMap((importer) => importer.globs))]
}
