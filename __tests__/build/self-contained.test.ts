import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@jest/globals'

// A user's clone has nothing beside it: no test, doc, script or comment may lean on a folder
// outside the repository (such as design notes kept next to it while the project was built).
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage'])
const TEXT = /\.(ts|mts|js|mjs|cjs|json|ya?ml|md|txt)$|^[^.]+$/
const OUTSIDE = [/\.\.\/shared\b/, /\bshared\/(design|kb|schemas|seed)\b/, /\bDESIGN\.md\b/]

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return []
    const full = join(dir, entry.name)
    if (entry.isDirectory()) return files(full)
    return entry.isFile() && TEXT.test(entry.name) ? [full] : []
  })
}

test('nothing in the repository refers to a folder outside it', () => {
  const offenders: string[] = []
  for (const file of files(ROOT)) {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (OUTSIDE.some((pattern) => pattern.test(line)))
        offenders.push(`${relative(ROOT, file).split(sep).join('/')}:${i + 1}: ${line.trim().slice(0, 120)}`)
    })
  }
  expect(offenders).toEqual([])
})
