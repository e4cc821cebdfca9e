// A CommonJS TypeScript module (.cts): `import = require`, `export =`.
import fs = require('node:fs/promises');

async function read(paths: string[]): Promise<string[]> {
  return Promise.all(paths.map((p) => fs.readFile(p, 'utf8')));
}
read(['a']);
export = read;
