import { fileLine } from './report.js';
import type { FileReport } from './run.js';

export interface Progress {
  start(total: number): void;
  file(file: FileReport): void;
  /** Prints text (a diff) to `out` without tearing the progress bar. */
  print(out: NodeJS.WritableStream, text: string): void;
  done(): void;
}

export interface Stream extends NodeJS.WritableStream {
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
  const bar = progressBar(stream);
  return {
    start: bar.start,
    file: (file) => {
      bar.update(file.path, true);
      if (file.status === 'error') bar.note(fileLine(file));
    },
    print: bar.print,
    done: bar.done,
  };
}

/** `[####------] 12/40 label` on one terminal line, redrawn in place (taskscope-migrate, taskscope check). */
export interface ProgressBar {
  start(total: number): void;
  /** Shows `label`; with `advance`, one more of the total is done. */
  update(label: string, advance?: boolean): void;
  /** Prints a line above the bar. */
  note(line: string): void;
  /** Prints text to `out` without tearing the bar. */
  print(out: NodeJS.WritableStream, text: string): void;
  /** Clears the bar. */
  done(): void;
}

export function progressBar(stream: Stream): ProgressBar {
  let total = 0;
  let done = 0;
  let label = '';
  let drawnAt = 0;
  const clear = () => stream.write('\r\x1b[2K');
  const draw = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
    clear();
    stream.write(line.slice(0, (stream.columns ?? 80) - 1));
    drawnAt = Date.now();
  };
  return {
    start: (count) => {
      total = count;
      draw();
    },
    update: (text, advance = false) => {
      label = text;
      if (advance) done++;
      // Redrawing for every file costs more than the work on a small one.
      if (!advance || Date.now() - drawnAt > 50 || done === total) draw();
    },
    note: (line) => {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    print: (out, text) => {
      clear();
      out.write(text);
      draw();
    },
    done: clear,
  };
}
