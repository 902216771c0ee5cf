// Builds the bench (TypeScript) with ncc into .tmp/bench and runs it. Figures, not timed tests.
// Transpiled only, with bench/tsconfig.json's compiler options (module ESNext, the tsconfig nearest
// the entry; see scripts/build.mjs): the bench starts without type-checking the whole tree, whose
// type errors, bench/ included, are `npm run typecheck`'s to find.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

rmSync('.tmp/bench', { recursive: true, force: true })
execFileSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'bench/run.ts',
    '-o',
    '.tmp/bench',
    '--quiet',
    '--transpile-only',
    '--target',
    'es2022'
  ],
  { stdio: 'inherit' }
)
try {
  execFileSync(process.execPath, ['.tmp/bench/index.js', ...process.argv.slice(2)], { stdio: 'inherit' })
} catch (error) {
  process.exitCode = typeof error.status === 'number' ? error.status : 1
}
