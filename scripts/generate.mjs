// Builds scripts/generate.ts with ncc into .tmp/generate and runs it (see that file for what it
// writes). Transpiled only, with scripts/tsconfig.json's compiler options: see scripts/build.mjs.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

rmSync('.tmp/generate', { recursive: true, force: true })
execFileSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'scripts/generate.ts',
    '-o',
    '.tmp/generate',
    '--quiet',
    '--transpile-only',
    '--target',
    'es2022'
  ],
  { stdio: 'inherit' }
)
try {
  execFileSync(process.execPath, ['.tmp/generate/index.js'], { stdio: 'inherit' })
} catch (error) {
  process.exitCode = typeof error.status === 'number' ? error.status : 1
}
