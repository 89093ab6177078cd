import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // `pnpm dev` here talks to the API started with `pnpm start` (or `pnpm --filter @rapport/api start`).
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
});
