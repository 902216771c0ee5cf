import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'

// Users execute the committed dist/, so it must be exactly what the sources build to.
test('committed dist/ equals a fresh build of the sources', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'threatloop-dist-'))
  const fresh = join(scratch, 'dist')
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { env: { ...process.env, THREATLOOP_DIST_DIR: fresh }, stdio: 'pipe' })
    const committed = readdirSync('dist').sort()
    expect(readdirSync(fresh).sort()).toEqual(committed)
    const stale = committed.filter((file) => !readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file))))
    if (stale.length > 0) throw new Error(`dist/ is stale (${stale.join(', ')}); run 'npm run package' and commit dist/`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
    rmSync(`${fresh}.work`, { recursive: true, force: true })
  }
}, 240_000)
