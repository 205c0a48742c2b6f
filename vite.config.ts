import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022' },
  // The engine runs in a module worker; 'es' keeps its imports as real ES modules.
  worker: { format: 'es' },
});
