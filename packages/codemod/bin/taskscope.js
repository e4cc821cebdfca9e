#!/usr/bin/env node
import { taskscopeMain } from '../dist/check/cli.js';

process.exitCode = taskscopeMain(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
