import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where the dev server forwards what belongs to Confer's server (the same paths src/api/web-app.ts
// keeps for itself); every other path is the web app.
const conferServer = process.env.CONFER_DEV_SERVER ?? 'http://localhost:3000';

// Anchored to this folder, so `vite build web`, `vite build --config web/vite.config.ts` and
// scripts/build-web.ts all produce the same web/dist.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': conferServer,
      '/webhooks': conferServer,
      '/connections/oauth': conferServer,
    },
  },
});
