import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The designer benchmark's page, built on its own: `npm run bench:build --workspace @credentialconnect/designer`.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: '../bench-dist', emptyOutDir: true },
});
