// A package a fixture imports, so that its imports can be placed among others.
export declare const z: { string(): { parse(value: unknown): string } };
