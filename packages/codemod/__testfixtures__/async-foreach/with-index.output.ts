import { map } from 'taskscope';

declare function write(line: string, at: number, signal?: AbortSignal): Promise<void>;

export async function writeAll(lines: string[]) {
  await map(lines, async (line, signal, index) => {
    await write(line, index, signal);
  });
}
