import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app is built into `dist/web`, which `qyzmet serve` hands out at `/` beside the API. In
 * development (`npm run dev:web`) Vite serves it and passes `/api` to a Qyzmet on port 3000.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
