// Labeled statements and blocks, labeled loops with awaits, break/continue to
// labels from nested callbacks' enclosing loops, and a switch inside a label.
export async function scan(grid: number[][], check: (n: number) => Promise<boolean>): Promise<number> {
  let found = 0;
  outer: for (const row of grid) {
    inner: for (const cell of row) {
      if (cell < 0) continue outer;
      if (cell === 0) break inner;
      if (await check(cell)) found++;
      check(cell);
    }
  }
  block: {
    if (found > 10) break block;
    await Promise.all(grid.map(async (row) => row.forEach(async (cell) => check(cell))));
  }
  sw: switch (found) {
    case 0:
      void check(0);
      break sw;
    default:
      loop: while (found-- > 0) {
        if (found % 2) continue loop;
        await check(found);
      }
  }
  return found;
}
