import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The designer's build. `pnpm dev` serves it with hot reload and sends /api
 * to the API on 8787 (override with JALUR_API); `pnpm start` serves dist/
 * from the API itself on the same port.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The browser needs only the typed client, not the server behind @jalur/api's index.
    alias: [{ find: /^@jalur\/api$/, replacement: fileURLToPath(new URL('../api/src/client.ts', import.meta.url)) }],
  },
  server: {
    port: Number(process.env.EDITOR_PORT ?? 5173),
    proxy: {
      '/api': { target: process.env.JALUR_API ?? 'http://127.0.0.1:8787', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
