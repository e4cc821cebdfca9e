// The throwaway project's sources (./sample) and what ESLint must say about
// them. A `// lint: rule-a, rule-b` comment line says that the line below it
// is reported by those taskscope rules, and nothing else is reported.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sampleDir = fileURLToPath(new URL('./sample', import.meta.url));

/** Copies the sample project's sources and tsconfig into `dir`. */
export function copySample(dir: string): void {
  cpSync(sampleDir, dir, { recursive: true });
}

/** The findings the sample's markers promise, as `file:line rule` lines, sorted. */
export function expectedFindings(): string[] {
  const expected: string[] = [];
  for (const file of sourceFiles()) {
    readFileSync(path.join(sampleDir, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const rules = /^\s*\/\/ lint: (.+)$/.exec(line)?.[1];
        for (const rule of rules?.split(',') ?? []) expected.push(`${file}:${index + 2} taskscope/${rule.trim()}`);
      });
  }
  return expected.sort();
}

export interface Lint {
  /** Every message as `file:line rule`, sorted; a parse error has rule `null`. */
  findings: string[];
  /** Messages ESLint flags as fatal (the file could not be parsed), in full. */
  fatal: string[];
}

/** Reads `eslint --format json` output; relative paths are from `dir`. */
export function readLint(json: string, dir: string): Lint {
  const results = JSON.parse(json) as { filePath: string; messages: { ruleId: string | null; line: number; message: string; fatal?: boolean }[] }[];
  const findings: string[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      findings.push(`${file}:${message.line} ${message.ruleId}`);
      if (message.fatal) fatal.push(`${file}:${message.line} ${message.message}`);
    }
  }
  return { findings: findings.sort(), fatal };
}

/** The sample's TypeScript and JavaScript sources, relative, `/`-separated. */
function sourceFiles(): string[] {
  return ['src', 'scripts'].flatMap((folder) =>
    readdirSync(path.join(sampleDir, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|js)$/.test(file))
      .map((file) => `${folder}/${file.split(path.sep).join('/')}`),
  );
}
