import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateModelPair, type BenchSize } from './generate.js'

const FOLDER = '.tmp/bench-data'

/** Writes the generated base/head texts for every size once, so bench processes only read them. */
export function writeBenchFixtures(sizes: readonly BenchSize[] = ['small', 'medium', 'large']): void {
  mkdirSync(FOLDER, { recursive: true })
  for (const size of sizes) {
    if (existsSync(join(FOLDER, `${size}-head.yaml`))) continue
    const pair = generateModelPair(size)
    writeFileSync(join(FOLDER, `${size}-base.yaml`), pair.base)
    writeFileSync(join(FOLDER, `${size}-head.yaml`), pair.head)
  }
}

/** Reads a generated model text (base or head) of a bench size. */
export function readBenchModel(size: BenchSize, side: 'base' | 'head'): string {
  const file = join(FOLDER, `${size}-${side}.yaml`)
  if (!existsSync(file)) writeBenchFixtures([size])
  return readFileSync(file, 'utf8')
}
