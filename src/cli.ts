import { runCli } from './adapters/cli/main.js'

const code = await runCli(process.argv.slice(2), process.cwd(), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n')
})
process.exitCode = code
