// Builds the two committed bundles: dist/index.js (the GitHub Action) and dist/cli.js (CLI and
// GitLab job). ncc always names its output index.js, so each entry is built into its own folder
// and the results are assembled into dist/.
// ncc transpiles only (--transpile-only): type checking is `npm run typecheck`'s job, so a stale
// node_modules/@types or a test's type error never stops a build, and src is not type-checked
// once per entry. ncc and its ts-loader take their compiler options from the tsconfig.json
// nearest the entry (src/tsconfig.json), which sets `module: ESNext`: transpiling a file alone
// under NodeNext emits CommonJS (no package.json "type" to go by), which changes the bundle and
// resolves the ESM-only @actions/* packages through their missing `require` condition.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compactBundle } from './compact-bundle.mjs'

const entries = [
  { source: 'src/index.ts', output: 'index.js' },
  { source: 'src/cli.ts', output: 'cli.js' }
]
// THREATLOOP_DIST_DIR lets the dist check build into a scratch folder and compare.
const dist = process.env.THREATLOOP_DIST_DIR || 'dist'
const work = join(dist === 'dist' ? '.tmp' : dist + '.work', 'build')
rmSync(work, { recursive: true, force: true })
rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })
const licenses = new Map()
const ncc = (source, out) =>
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--transpile-only',
      '--target',
      'es2022'
    ],
    { stdio: 'inherit' }
  )

// The simulation worker thread's program (src/simulation-worker.ts: the risk engine and nothing
// else, no package dependency). Both entry bundles carry it as text and start it from a data: URL,
// so each stays one self-contained file. A data: module has no file location: an asset base line
// is dropped (the worker has no assets) and Node built-ins are required from the file-system root.
ncc('src/simulation-worker.ts', join(work, 'worker'))
let workerProgram = readFileSync(join(work, 'worker', 'index.js'), 'utf8')
// (Transpiled as ESM, the worker is concatenated into one scope with no module runtime and has no
// such line; the import.meta check below is what guarantees the program runs from data:.)
const assetBase = /^.*__nccwpck_require__\.ab = .*import\.meta\.url.*\n/m
workerProgram = workerProgram.replace(assetBase, '').replaceAll('createRequire(import.meta.url)', 'createRequire("file:///")')
if (workerProgram.includes('import.meta')) throw new Error('build: the worker bundle still reads import.meta, which a data: module cannot')
workerProgram = await compactBundle(workerProgram, 'the simulation worker')
const WORKER_PLACEHOLDER = /(['"])__THREATLOOP_SIMULATION_WORKER_PROGRAM__\1/g

for (const entry of entries) {
  const out = join(work, entry.output.replace(/\.js$/, ''))
  ncc(entry.source, out)
  // The placeholder is in the entry file or one of its lazy chunks, exactly once.
  let placeholders = 0
  // Every file of the bundle is then compacted (scripts/compact-bundle.mjs).
  for (const file of readdirSync(out).filter((f) => f.endsWith('.js'))) {
    let text = readFileSync(join(out, file), 'utf8')
    const found = text.match(WORKER_PLACEHOLDER)?.length ?? 0
    placeholders += found
    if (found > 0) text = text.replace(WORKER_PLACEHOLDER, () => JSON.stringify(workerProgram))
    writeFileSync(join(out, file), await compactBundle(text, `${entry.output} (${file})`))
  }
  if (placeholders !== 1) throw new Error(`build: ${entry.output} holds ${placeholders} worker program placeholders, expected 1`)
  let code = readFileSync(join(out, 'index.js'), 'utf8')
  // Both builds name their lazy chunks `<id>.index.js`, and the ids can collide (the action's chunk
  // 479 is not the CLI's); the CLI's chunks are renamed `<id>.cli.js` and its loader follows.
  const chunkSuffix = entry.output === 'cli.js' ? '.cli.js' : '.index.js'
  if (chunkSuffix !== '.index.js') code = code.replace(/chunkId ?\+ ?"\.index\.js"/g, `chunkId+"${chunkSuffix}"`)
  if (entry.output === 'cli.js' && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`
  writeFileSync(join(dist, entry.output), code, { mode: 0o755 })
  for (const file of readdirSync(out)) {
    if (file === 'index.js' || file === 'package.json') continue
    // The GitLab job downloads dist/cli.js alone, and both entries' chunks share dist/ (same
    // names, different contents): the CLI must stay one file, so a chunk of it is a build error.
    if (entry.output === 'cli.js' && file.endsWith('.js'))
      throw new Error(`dist/cli.js must be one file, but the build made a chunk ${file}: a dynamic import() is reachable from src/cli.ts`)
    if (file === 'licenses.txt') {
      for (const block of readFileSync(join(out, file), 'utf8').split(/\n(?=\S)/)) licenses.set(block.split('\n')[0], block.trimEnd())
      continue
    }
    const target = file.endsWith('.index.js') ? file.replace(/\.index\.js$/, chunkSuffix) : file
    if (existsSync(join(dist, target))) throw new Error(`build: ${target} of ${entry.output} would overwrite another bundle's file`)
    cpSync(join(out, file), join(dist, target), { recursive: true })
  }
}
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n')
writeFileSync(
  join(dist, 'licenses.txt'),
  [...licenses.keys()]
    .sort()
    .map((k) => licenses.get(k))
    .join('\n\n') + '\n'
)
if (existsSync(work)) rmSync(work, { recursive: true, force: true })
