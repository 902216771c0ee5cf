/** A maturity category file handed over as text: repository-relative path and content. */
export interface MaturityCheckText {
  path: string
  text: string
}

/** Folder of the maturity check files, relative to the repository root. */
export const MATURITY_CHECKS_FOLDER = 'rules/maturity'

/** Command that regenerates the embedded copy of the maturity checks. */
export const REGENERATE_MATURITY_COMMAND = 'UPDATE_MATURITY=1 npm test -- __tests__/maturity'

/**
 * Source of `maturity-checks.generated.ts`: the raw text of every category file, sorted by path.
 * The bundle embeds them because an action cannot rely on reading a folder at run time.
 */
export function renderMaturityChecksModule(files: readonly MaturityCheckText[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const entries = sorted.map(
    (f) => `  {\n    path: ${JSON.stringify(f.path)},\n    text: ${JSON.stringify(f.text.replace(/\r\n?/g, '\n'))}\n  }`
  )
  return [
    `// Generated from ${MATURITY_CHECKS_FOLDER}/*.yaml by __tests__/maturity/generated.test.ts. Do not edit.`,
    `// Regenerate: ${REGENERATE_MATURITY_COMMAND}`,
    '',
    '/** Raw text of every maturity category file, by repository-relative path. */',
    `export const MATURITY_CHECK_FILES: readonly { path: string; text: string }[] = [${entries.length > 0 ? `\n${entries.join(',\n')}\n` : ''}]`,
    ''
  ].join('\n')
}
