// Builds scripts/kb-update.ts with ncc into .tmp/kb-update and runs it with the given files.
// Transpiled only, with scripts/tsconfig.json's compiler options: see scripts/build.mjs.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

rmSync('.tmp/kb-update', { recursive: true, force: true })
execFileSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'scripts/kb-update.ts',
    '-o',
    '.tmp/kb-update',
    '--quiet',
    '--transpile-only',
    '--target',
    'es2022'
  ],
  { stdio: 'inherit' }
)
try {
  execFileSync(process.execPath, ['.tmp/kb-update/index.js', ...process.argv.slice(2)], { stdio: 'inherit' })
} catch (error) {
  process.exitCode = typeof error.status === 'number' ? error.status : 1
}
