declare function write(line: string, at: number, signal?: AbortSignal): Promise<void>;

export async function writeAll(lines: string[]) {
  lines.forEach(async (line, index) => {
    await write(line, index);
  });
}
