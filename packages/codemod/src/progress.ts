import { fileLine } from './report.js';
import type { FileReport } from './run.js';

export interface Progress {
  start(total: number): void;
  file(file: FileReport): void;
  /** Prints text (a diff) to `out` without tearing the progress bar. */
  print(out: NodeJS.WritableStream, text: string): void;
  done(): void;
}

interface Stream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/** A progress bar on a terminal; elsewhere one plain line per file that changed, was skipped or failed. */
export function createProgress(stream: Stream): Progress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

function lineProgress(stream: Stream): Progress {
  return {
    start: (total) => stream.write(`Migrating ${total} files\n`),
    file: (file) => {
      if (file.status !== 'unmodified') stream.write(`${fileLine(file)}\n`);
    },
    print: (out, text) => out.write(text),
    done: () => {},
  };
}

function barProgress(stream: Stream): Progress {
  let total = 0;
  let done = 0;
  let last = '';
  let drawnAt = 0;
  const clear = () => stream.write('\r\x1b[2K');
  const draw = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${last}`;
    clear();
    stream.write(line.slice(0, (stream.columns ?? 80) - 1));
    drawnAt = Date.now();
  };
  return {
    start: (count) => {
      total = count;
      draw();
    },
    file: (file) => {
      done++;
      last = file.path;
      if (file.status === 'error') {
        clear();
        stream.write(`${fileLine(file)}\n`);
      }
      // Redrawing for every file costs more than the migration of a small one.
      if (Date.now() - drawnAt > 50 || done === total || file.status === 'error') draw();
    },
    print: (out, text) => {
      clear();
      out.write(text);
      draw();
    },
    done: clear,
  };
}
