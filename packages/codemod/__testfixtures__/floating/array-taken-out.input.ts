// An array taken out of another (pop, splice) is not a new floating array: its promises were
// passed on when they were pushed. Nothing to mark.
declare function save(id: string): Promise<void>;

const batches: Promise<void>[][] = [];

export function queue(ids: string[]) {
  batches.push(ids.map((id) => save(id)));
}

export function forgetLast() {
  batches.pop();
}

export function forgetFirst(count: number) {
  batches.splice(0, count);
}
