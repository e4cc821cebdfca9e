// Rewrites into a file that already imports from taskscope, uses double
// quotes, and has a local binding named like a taskscope export.
import { sleep as pause } from "taskscope";

const all = ["eu", "us"];

async function ping(region: string, signal?: AbortSignal): Promise<number> {
  const response = await fetch(`https://${region}.example.com/ping`, { signal });
  return response.status;
}

export async function pingAll(): Promise<number[]> {
  await pause(10);
  return Promise.all([ping("eu"), ping("us"), ping("ap")]);
}

export async function pingRegions(): Promise<number[]> {
  return Promise.all(all.map((region) => ping(region)));
}

export async function fastestRegion(): Promise<number> {
  return Promise.race([ping("eu"), ping("us")]);
}
