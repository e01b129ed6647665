#!/usr/bin/env node
// The `connection-hygiene` command (package.json "bin"): `connection-hygiene budget [dir]`.
import { main } from './budget.js';

process.exitCode = await main(process.argv.slice(2));
