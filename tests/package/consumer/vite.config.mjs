// Vite as a user would set it up for letta-wasm: only a target with top-level await.
export default { build: { target: 'es2022', outDir: 'dist-vite', emptyOutDir: true }, logLevel: 'warn' };
