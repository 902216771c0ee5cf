import { run } from './adapters/github/action.js'

void run()
