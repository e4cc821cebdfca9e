// Types for rules-table.mjs, which test/readme.test.ts imports.
interface RuleLike {
  meta?: { docs?: { description?: string; requiresTypeChecking?: boolean }; hasSuggestions?: boolean };
}

interface PluginLike {
  rules: Record<string, RuleLike>;
  configs: { recommended: { rules?: Record<string, unknown> }; strict: { rules?: Record<string, unknown> } };
}

export declare const START: string;
export declare const END: string;
export declare const README: string;
export declare function rulesTable(plugin: PluginLike): string;
export declare function tableIn(readme: string): string | undefined;
export declare function withTable(readme: string, table: string): string;
