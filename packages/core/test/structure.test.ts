// Core's layout holds: no import cycles, lib never imports a rule and rules
// never import each other (the project's lint enforces it too), and the one
// table of the runtime's API matches what the runtime exports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { RUNTIME_API } from '../src/lib/runtime-api.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const runtimeIndex = fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url));

/** Each source file (relative to src) → the source files it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(path.join(src, file), 'utf8');
    const targets = [...text.matchAll(/from '(\.[^']+)\.js'/g)].map((m) => path.normalize(path.join(path.dirname(file), `${m[1]}.ts`)));
    graph.set(path.normalize(file), targets);
  }
  return graph;
}

describe('core/src', () => {
  const graph = importGraph();

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps lib rule-agnostic, and each rule to itself and lib', () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => {
          const [area, rule] = file.split(path.sep);
          const [targetArea, targetRule] = target.split(path.sep);
          if (area === 'lib') return targetArea === 'rules';
          return area === 'rules' && targetArea === 'rules' && targetRule !== rule;
        })
        .map((target) => `${file} → ${target}`),
    );
    expect(crossings).toEqual([]);
    expect([...graph.keys()].filter((file) => file.startsWith(`rules${path.sep}`)).map((f) => f.split(path.sep)[1]).sort()).toEqual(
      expect.arrayContaining(['no-floating-promises', 'no-orphaned-fan-out', 'require-signal-propagation']),
    );
  });

  it('knows exactly the runtime’s value exports', () => {
    const index = ts.createSourceFile(runtimeIndex, readFileSync(runtimeIndex, 'utf8'), ts.ScriptTarget.Latest, true);
    const exported = index.statements.flatMap((statement) =>
      ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)
        ? statement.exportClause.elements.filter((element) => !element.isTypeOnly).map((element) => element.name.text)
        : [],
    );
    expect(Object.keys(RUNTIME_API).sort()).toEqual(exported.sort());
  });
});
