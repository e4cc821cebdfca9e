// Just enough JSX typing for the .tsx fixtures (no React in this package).
declare global {
  namespace JSX {
    type Element = unknown;
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
  }
}

export {};
