// A package a fixture imports, so that its imports can be placed among others.
export declare function limit(concurrency: number): <T>(work: () => Promise<T>) => Promise<T>;
