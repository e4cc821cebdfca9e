// A file that ends its statements without `;` gets the import without one.
import { all } from 'taskscope'

declare function transcribe(file: string, bucket: string, signal?: AbortSignal): Promise<string>

const bucket = 'uploads'

export async function transcribePair(a: string, b: string) {
  return all([
    (signal) => transcribe(a, bucket, signal),
    (signal) => transcribe(b, bucket, signal),
  ])
}
