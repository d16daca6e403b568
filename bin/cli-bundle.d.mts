// Types for bin/cli-bundle.mjs (plain JavaScript: it runs before TypeScript can be loaded).
export declare const PACKAGE_ROOT: string;
export declare function ensureCliBundle(options?: { root?: string; cacheDir?: string }): Promise<{ path: string; built: boolean } | undefined>;
