// Types of bundles.js, which is JavaScript: it runs before any TypeScript can be loaded.
export declare function makeBundle(source: string, bundles?: string): string | null;
export declare function makeCommandBundle(source: string, bundles?: string): Promise<string | null>;
export declare const COMMAND: string;
export declare function configBeside(bundle: string): string;
