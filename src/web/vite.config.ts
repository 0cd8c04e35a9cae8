import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompiledForms } from './forms/precompile';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app is built into `dist/web`, which `qyzmet serve` hands out at `/` beside the API. In
 * development (`npm run dev:web`) Vite serves it and passes `/api` to a Qyzmet on port 3000.
 * The forms' validators are precompiled here from the folders the server will load (QYZMET_FORMS,
 * default `forms`; see forms/precompile.ts), so the page needs no 'unsafe-eval'.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompiledForms((process.env.QYZMET_FORMS ?? 'forms').split(path.delimiter))],
  build: { outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
