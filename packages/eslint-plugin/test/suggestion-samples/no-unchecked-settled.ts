// allSettled results whose rejections nobody reads.
interface Job {
  id: string;
  url: string;
}

async function run(job: Job, signal?: AbortSignal): Promise<number> {
  const response = await fetch(job.url, { method: 'POST', signal });
  return response.status;
}

export async function runAll(jobs: readonly Job[]): Promise<number[]> {
  const results = await Promise.allSettled(jobs.map((job) => run(job)));
  return results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
}

export async function fireAndForget(jobs: readonly Job[]): Promise<void> {
  await Promise.allSettled(jobs.map((job) => run(job)));
}

export async function firstTwo(a: Job, b: Job): Promise<number> {
  const [first, second] = await Promise.allSettled([run(a), run(b)]);
  return (first.status === 'fulfilled' ? first.value : 0) + (second.status === 'fulfilled' ? second.value : 0);
}
