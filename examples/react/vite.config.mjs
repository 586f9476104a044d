// The React example's Vite config: ES2022, for letta-wasm's top-level await. Vite compiles the JSX
// (React's automatic runtime) without a plugin.
import { defineConfig } from 'vite';

export default defineConfig({ build: { target: 'es2022' } });
