// A file that ends its statements without `;` gets the import without one.
import { all } from 'taskscope'

declare function upload(file: string, bucket: string, signal?: AbortSignal): Promise<string>

const bucket = 'uploads'

export async function uploadPair(a: string, b: string) {
  return all([(signal) => upload(a, bucket, signal), (signal) => upload(b, bucket, signal)])
}
