#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';

/** `vllm-bot <command>`: one entry point for the installed package (package.json "bin"). */
const USAGE = `Usage: vllm-bot <command> [options]

Commands:
  ask [query...]   answer from the dataset, no token needed (ask --help for options)
  start            run the bot (configured by environment variables or .env)
  deploy           register the Discord slash commands (DISCORD_TOKEN)
  data-check       validate the dataset and the translations
  version          print the version

Configuration: see the README's "Configure" section and .env.example.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

// Each command is imported only when chosen: `ask` must not load discord.js or Bolt.
async function run(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case 'ask': {
      const { runAsk } = await import('./ask.js');
      return runAsk(args);
    }
    case 'start':
      // main.js starts the bot when imported and sets the exit code itself.
      await import('../main.js');
      return process.exitCode === undefined ? 0 : Number(process.exitCode);
    case 'deploy': {
      const { loadEnvFile } = await import('../runtime/env-file.js');
      const { deploy } = await import('../../commands/deploy.js');
      loadEnvFile();
      return deploy(process.env, {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
    }
    case 'data-check': {
      const { runDataCheck } = await import('./data-check.js');
      return runDataCheck(args);
    }
    case 'version':
    case '--version':
    case '-v':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(
        `${command === undefined ? 'No command given.' : `Unknown command "${command}".`}\n\n${USAGE}\n`,
      );
      return 2;
  }
}

const [command, ...args] = process.argv.slice(2);
process.exitCode = await run(command, args);
