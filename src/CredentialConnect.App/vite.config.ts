import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the hub at /admin; `npm run dev` proxies the API to a hub running on its default port.
const hub = process.env.HUB_URL ?? 'http://localhost:5080';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../CredentialConnect.Web/wwwroot/admin',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': hub,
      '/auth': hub,
    },
  },
});
